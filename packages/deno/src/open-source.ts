import { InvalidArgumentError, type UploadSource } from "@luml/core";
import { openDenoFileBlob } from "./deno-file-blob.ts";
import { checkPath } from "./file-snapshot.ts";

/**
 * Turns a path (string or `file:` URL) into an upload source backed by the file on
 * disk; the bytes are read part by part during the upload, never all at once.
 *
 * The file's size, times and identity are taken now: the source's `check()` and
 * every read of its blob reject with a `FileError` of code `changed` once the
 * file differs from them (see `DenoFileBlob`). An input of another type is an
 * `InvalidArgumentError`.
 */
export async function openSource(
  input: unknown,
  options: { signal?: AbortSignal } = {},
): Promise<UploadSource> {
  options.signal?.throwIfAborted();
  if (typeof input !== "string" && !(input instanceof URL)) {
    throw new InvalidArgumentError({
      argument: "input",
      message: "upload expects a file path, a file: URL, a Blob or a File",
    });
  }
  const blob = await openDenoFileBlob(input);
  const snapshot = blob.snapshot;
  return {
    name: baseName(blob.path),
    size: blob.size,
    blob: blob as unknown as Blob,
    check: async () => {
      if (snapshot) await checkPath(blob.path, snapshot);
    },
  };
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}
