import type { Stats } from "node:fs";
import { type FileError, type FileErrorCode, LumlError } from "@luml/core";
import { escapeText, fileErrorCodeOf, localFileError } from "@luml/core/internal";

/**
 * Turns a file-system failure on `path` into a `FileError` whose code says what
 * happened (`not_found`, `permission_denied`, `no_space`, `read_only`,
 * `not_a_file`, or `io` for anything else) and whose message names the file and
 * the operating system's reason, with control characters escaped. LUML errors
 * pass through unchanged; the original error is kept as `cause`.
 */
export function toFileError(error: unknown, path: string | undefined): unknown {
  if (LumlError.isInstance(error)) return error;
  const systemCode = (error as { code?: unknown } | null)?.code;
  let code: FileErrorCode = "io";
  let reason = systemReason(error);
  if (typeof systemCode === "string") {
    code = fileErrorCodeOf(systemCode);
    // Node refuses a path with a NUL byte before asking the OS: no such file can exist.
    if (systemCode === "ERR_INVALID_ARG_VALUE" && path?.includes("\0")) {
      code = "not_found";
      reason = "a path cannot contain a NUL character";
    }
  }
  return localFileError(code, path, reason, error);
}

/** The `not_a_file` error for `path`, a folder, pipe, socket or device by `stats`. */
export function notAFileError(path: string, stats: Pick<Stats, NonRegularTest>): FileError {
  return localFileError("not_a_file", path, `it is ${describeKind(stats)}`);
}

/**
 * The OS's words for `error` without the path Node appends to them
 * (`EACCES: permission denied, open`), escaped; the message of any other error.
 */
function systemReason(error: unknown): string {
  if (!(error instanceof Error)) return escapeText(String(error));
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  const message = error.message;
  if (typeof code === "string" && typeof syscall === "string" && message.startsWith(`${code}: `)) {
    const end = message.indexOf(`, ${syscall}`);
    if (end !== -1) return escapeText(message.slice(0, end + 2 + syscall.length));
  }
  return escapeText(message);
}

type NonRegularTest =
  | "isDirectory"
  | "isFIFO"
  | "isSocket"
  | "isCharacterDevice"
  | "isBlockDevice"
  | "isSymbolicLink";

function describeKind(stats: Pick<Stats, NonRegularTest>): string {
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSymbolicLink()) return "a symbolic link";
  return "not a regular file";
}
