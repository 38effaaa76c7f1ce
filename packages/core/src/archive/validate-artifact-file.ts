/**
 * Checks of an artifact file's name and size that the service would refuse
 * (or that cannot be artifacts), made before any request.
 */
import { FileError } from "../errors/file-error";
import { InvalidArgumentError } from "../errors/invalid-argument-error";

/** Extensions of artifact files (judged by the last dot). */
export const artifactExtensions = ["fnnx", "pyfnx", "dfs", "luml", "tar"] as const;

/** The largest artifact file the service accepts: 5 TiB. */
export const maxArtifactFileSize = 5 * 1024 ** 4;

/** The `file_name` pattern of the service: a name, a dot, an extension without whitespace. */
export const artifactFileNamePattern = /^[^:"*`~#%;'^]+\.[^\s:"*`~#%;'^]+$/;

/**
 * Throws a `FileError` unless `name` can be an artifact's `file_name` and `size`
 * is within the service's limit: `invalid_name` (pattern), then
 * `unsupported_extension`, then `too_large`. A size that is not a byte count
 * is an `InvalidArgumentError`.
 *
 * @param name the file name to record, without directories (`model.fnnx`)
 * @param size the file's size in bytes
 */
export function validateArtifactFile(name: string, size: number): void {
  if (!artifactFileNamePattern.test(name)) {
    throw new FileError({
      code: "invalid_name",
      fileName: name,
      message: `"${name}" cannot be an artifact file name: it must be a name, a dot and an extension, without whitespace in the extension nor any of : " * \` ~ # % ; ' ^. Rename the file or pass another file name.`,
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
