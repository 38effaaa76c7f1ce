import { FileError, LumlError } from "@luml/core";

/**
 * Turns a file-system failure into a `FileError` naming the file; a missing file
 * gets the `not_found` code. LUML errors pass through unchanged.
 */
export function toFileError(error: unknown, path: string | undefined): unknown {
  if (LumlError.isInstance(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") {
    return new FileError({
      message: `No such file: ${path}`,
      code: "not_found",
      fileName: path,
      cause: error,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new FileError({
    message: `Cannot use the file ${path ?? ""}: ${reason}`,
    code: code === "EISDIR" ? "not_found" : "truncated",
    fileName: path,
    cause: error,
  });
}
