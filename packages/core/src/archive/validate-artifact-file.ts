/**
 * Checks of an artifact file's name and size that the service would refuse
 * (or that cannot be artifacts), made before any request.
 */
import { FileError, InvalidArgumentError } from "../errors";

/** Extensions of artifact files (judged by the last dot). */
export const artifactExtensions = ["fnnx", "pyfnx", "dfs", "luml", "tar"] as const;

/** The largest artifact file the service accepts: 5 TiB. */
export const maxArtifactFileSize = 5 * 1024 ** 4;

/** The `file_name` pattern of the service: a name, a dot, an extension without whitespace. */
export const artifactFileNamePattern = /^[^:"*`~#%;'^]+\.[^\s:"*`~#%;'^]+$/;

/** The longest file name most file systems and object stores take (bytes of UTF-8). */
export const maxFileNameLength = 255;

/** Characters no artifact file name may hold: path separators and control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const forbiddenInFileName = /[/\\\u0000-\u001f\u007f]/;

/** A file name as a person can read it in a message: control characters escaped. */
export function quoteFileName(name: string): string {
  return JSON.stringify(name);
}

/**
 * Why `name` cannot be an artifact's file name, or `undefined` when it can: a path
 * separator or a control character, or more than 255 bytes. (The service's own
 * pattern and the extension are checked by `validateArtifactFile`.)
 */
export function fileNameProblem(name: string): string | undefined {
  if (name === "") return "it is empty";
  if (forbiddenInFileName.test(name)) {
    return "it holds a path separator or a control character; give a plain file name such as model.fnnx";
  }
  if (new TextEncoder().encode(name).byteLength > maxFileNameLength) {
    return `it is longer than ${maxFileNameLength} bytes`;
  }
  return undefined;
}

/**
 * Throws a `FileError` unless `name` can be an artifact's `file_name` and `size`
 * is within the service's limit: `invalid_name` (pattern), then
 * `unsupported_extension`, then `too_large`. A size that is not a byte count
 * is an `InvalidArgumentError`.
 *
 * @param name the file name to record, without directories (`model.fnnx`)
 * @param size the file's size in bytes
 *
 * @example
 * ```ts
 * try {
 *   validateArtifactFile(file.name, file.size); // before reading a byte of it
 * } catch (error) {
 *   if (FileError.isInstance(error)) console.log(error.code, error.message); // e.g. "unsupported_extension"
 * }
 * ```
 */
export function validateArtifactFile(name: string, size: number): void {
  const problem = fileNameProblem(name);
  if (problem) {
    throw new FileError({
      code: "invalid_name",
      fileName: name,
      message: `${quoteFileName(name)} cannot be an artifact file name: ${problem}. Rename the file or pass another file name.`,
    });
  }
  if (!artifactFileNamePattern.test(name)) {
    throw new FileError({
      code: "invalid_name",
      fileName: name,
      message: `${quoteFileName(name)} cannot be an artifact file name: it must be a name, a dot and an extension, without whitespace in the extension nor any of : " * \` ~ # % ; ' ^. Rename the file or pass another file name.`,
    });
  }
  const extension = name.slice(name.lastIndexOf(".") + 1);
  if (!(artifactExtensions as readonly string[]).includes(extension.toLowerCase())) {
    throw new FileError({
      code: "unsupported_extension",
      fileName: name,
      message: `${name} has the extension .${extension}; artifact files are .${artifactExtensions.join(", .")} archives.`,
    });
  }
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new InvalidArgumentError({
      argument: "size",
      message: `${size} is not a file size: it must be a whole, non-negative number of bytes.`,
    });
  }
  if (size > maxArtifactFileSize) {
    throw new FileError({
      code: "too_large",
      fileName: name,
      message: `${name} is ${size} bytes; artifact files can be at most 5 TiB (${maxArtifactFileSize} bytes).`,
    });
  }
}
