import { FileError, InvalidArgumentError, type UploadSource } from "@luml/core";

/** A picked file with the name to record for it. */
export interface NamedFile {
  /** The bytes to upload: a `File` from an `<input>` or a drop, or any `Blob`. */
  file: Blob;
  /**
   * The file name to record, e.g. `model.fnnx`; used instead of the `File`'s own
   * name (a plain `Blob` has none). Must not be empty.
   */
  name: string;
}

/**
 * Turns what a page passes to `artifacts.upload` into a source: `{ file, name }`
 * or a `FileSystemFileHandle` (from `showOpenFilePicker` or drag and drop). The
 * bytes stay in the file; they are read slice by slice during the upload.
 * (A `Blob`/`File` is handled by core directly.)
 */
export async function openSource(
  input: unknown,
  options: { signal?: AbortSignal } = {},
): Promise<UploadSource> {
  options.signal?.throwIfAborted();
  if (isNamedFile(input)) {
    return { name: input.name, size: input.file.size, blob: input.file };
  }
  if (isFileHandle(input)) {
    const file = await input.getFile();
    // A handle can be asked for the file again: one edited since is caught before
    // its record is marked `uploaded`, as a path is in Node and Deno.
    const check = async () => {
      const now = await input.getFile();
      if (now.size !== file.size || now.lastModified !== file.lastModified) {
        throw new FileError({
          code: "changed",
          fileName: file.name,
          message: `The file changed while it was uploaded: ${file.name} (its size or modification time differ). Upload it again once it is saved.`,
        });
      }
    };
    return { name: file.name, size: file.size, blob: file, check };
  }
  throw new InvalidArgumentError({
    argument: "input",
    message:
      "expected a File, a Blob with `fileName`, `{ file, name }` (a non-empty name) or a FileSystemFileHandle",
  });
}

function isNamedFile(input: unknown): input is NamedFile {
  if (typeof input !== "object" || input === null) return false;
  const candidate = input as Partial<NamedFile>;
  return (
    candidate.file instanceof Blob && typeof candidate.name === "string" && candidate.name !== ""
  );
}

function isFileHandle(input: unknown): input is FileSystemFileHandle {
  return (
    typeof FileSystemFileHandle !== "undefined" &&
    input instanceof FileSystemFileHandle &&
    input.kind === "file"
  );
}
