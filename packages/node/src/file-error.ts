import type { Stats } from "node:fs";
import { FileError, type FileErrorCode, LumlError } from "@luml/core";
import { displayText, escapeText } from "@luml/core/internal";

/** The `FileError` code of each operating-system error code; any other is `io`. */
const codeBySystemCode: Readonly<Record<string, FileErrorCode>> = {
  ENOENT: "not_found",
  // A file where the path needs a folder (`model.fnnx/x`): nothing can exist there.
  ENOTDIR: "not_found",
  EACCES: "permission_denied",
  EPERM: "permission_denied",
  ENOSPC: "no_space",
  EDQUOT: "no_space",
  EROFS: "read_only",
  EISDIR: "not_a_file",
};

/** How each code's message begins. */
const summaries: Readonly<Partial<Record<FileErrorCode, string>>> = {
  not_found: "No such file",
  changed: "The file changed while it was read",
  permission_denied: "Permission denied",
  no_space: "No space left on the device",
  read_only: "Read-only file system",
  not_a_file: "Not a regular file",
  io: "Cannot use the file",
};

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
    code = codeBySystemCode[systemCode] ?? "io";
    // Node refuses a path with a NUL byte before asking the OS: no such file can exist.
    if (systemCode === "ERR_INVALID_ARG_VALUE" && path?.includes("\0")) {
      code = "not_found";
      reason = "a path cannot contain a NUL character";
    }
  }
  return fileError(code, path, reason, error);
}

/** The `not_a_file` error for `path`, a folder, pipe, socket or device by `stats`. */
export function notAFileError(path: string, stats: Pick<Stats, NonRegularTest>): FileError {
  return fileError("not_a_file", path, `it is ${describeKind(stats)}`);
}

/** A `FileError` with the usual message: summary, the path made safe to print, the reason. */
export function fileError(
  code: FileErrorCode,
  path: string | undefined,
  reason: string,
  cause?: unknown,
): FileError {
  const summary = summaries[code] ?? "Cannot use the file";
  const subject = path === undefined ? "" : `: ${displayText(path)}`;
  return new FileError({
    message: `${summary}${subject} (${reason})`,
    code,
    fileName: path,
    cause,
  });
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
