import { FileError, type FileErrorCode } from "@luml/core";
import { getDeno } from "./deno-api.ts";

/**
 * Turns a Deno file-system failure on `path` into a `FileError` whose message says
 * what to do: a missing file, a folder where a file was expected, or a missing
 * `--allow-read`/`--allow-write` permission.
 */
export function toFileError(error: unknown, path: string, code?: FileErrorCode): FileError {
  if (FileError.isInstance(error)) return error;
  const deno = getDeno();
  if (error instanceof deno.errors.NotFound) {
    return new FileError({
      message: `No such file: ${path}`,
      code: "not_found",
      fileName: path,
      cause: error,
    });
  }
  if (error instanceof deno.errors.PermissionDenied) {
    return new FileError({
      message: `Permission denied for ${path}: run Deno with --allow-read and --allow-write for this path.`,
      code: code ?? "not_found",
      fileName: path,
      cause: error,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new FileError({
    message: `Cannot use ${path}: ${reason}`,
    code: code ?? "not_found",
    fileName: path,
    cause: error,
  });
}
