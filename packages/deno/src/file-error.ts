import { FileError, type FileErrorCode } from "@luml/core";
import { escapeText, fileErrorCodeOf, localFileError } from "@luml/core/internal";
import { type DenoFileInfo, getDeno } from "./deno-api.ts";

/**
 * Turns a Deno file-system failure on `path` into a `FileError` whose code says
 * what happened (`not_found`, `permission_denied`, `no_space`, `read_only`,
 * `not_a_file`, or `io` for anything else) and whose message names the file and
 * the operating system's reason, with control characters escaped. A missing
 * `--allow-read`/`--allow-write` flag is `permission_denied` with the flag to add.
 * LUML errors pass through unchanged; the original error is kept as `cause`.
 */
export function toFileError(error: unknown, path: string | undefined): FileError {
  if (FileError.isInstance(error)) return error;
  const errors = getDeno().errors;
  if (errors.NotCapable && error instanceof errors.NotCapable) {
    return localFileError(
      "permission_denied",
      path,
      "Deno was not given access to it: run Deno with --allow-read (and --allow-write to download) for this path",
      error,
    );
  }
  return localFileError(codeOf(error), path, systemReason(error), error);
}

/** The `not_a_file` error for `path`, a folder, pipe, socket or device by `info`. */
export function notAFileError(path: string, info: FileKind): FileError {
  return localFileError("not_a_file", path, `it is ${describeKind(info)}`);
}

function codeOf(error: unknown): FileErrorCode {
  const errors = getDeno().errors;
  if (error instanceof errors.NotFound) return "not_found";
  if (errors.NotADirectory && error instanceof errors.NotADirectory) return "not_found";
  if (error instanceof errors.PermissionDenied) return "permission_denied";
  if (errors.IsADirectory && error instanceof errors.IsADirectory) return "not_a_file";
  return fileErrorCodeOf((error as { code?: unknown } | null)?.code);
}

/**
 * The OS's words for `error` with its code and without the path Deno appends
 * (`EACCES: Permission denied (os error 13)`), escaped; the message of any other error.
 */
function systemReason(error: unknown): string {
  if (!(error instanceof Error)) return escapeText(String(error));
  const code = (error as { code?: unknown }).code;
  const osError = /^(.*?\(os error \d+\))/.exec(error.message);
  const words = osError?.[1] ?? error.message;
  return escapeText(typeof code === "string" ? `${code}: ${words}` : words);
}

/** What `stat` says of a file's kind. */
type FileKind = Pick<
  DenoFileInfo,
  "isDirectory" | "isFifo" | "isSocket" | "isCharDevice" | "isBlockDevice"
>;

function describeKind(info: FileKind): string {
  if (info.isDirectory) return "a folder";
  if (info.isFifo) return "a named pipe (FIFO)";
  if (info.isSocket) return "a socket";
  if (info.isCharDevice) return "a character device";
  if (info.isBlockDevice) return "a block device";
  return "not a regular file";
}
