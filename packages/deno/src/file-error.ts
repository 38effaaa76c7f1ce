import { FileError, type FileErrorCode } from "@luml/core";
import { displayText, escapeText } from "@luml/core/internal";
import { type DenoFileInfo, getDeno } from "./deno-api.ts";

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
    return fileError(
      "permission_denied",
      path,
      "Deno was not given access to it: run Deno with --allow-read (and --allow-write to download) for this path",
      error,
    );
  }
  return fileError(codeOf(error), path, systemReason(error), error);
}

/** The `not_a_file` error for `path`, a folder, pipe, socket or device by `info`. */
export function notAFileError(path: string, info: FileKind): FileError {
  return fileError("not_a_file", path, `it is ${describeKind(info)}`);
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

function codeOf(error: unknown): FileErrorCode {
  const errors = getDeno().errors;
  if (error instanceof errors.NotFound) return "not_found";
  if (errors.NotADirectory && error instanceof errors.NotADirectory) return "not_found";
  if (error instanceof errors.PermissionDenied) return "permission_denied";
  if (errors.IsADirectory && error instanceof errors.IsADirectory) return "not_a_file";
  const systemCode = (error as { code?: unknown } | null)?.code;
  return typeof systemCode === "string" ? (codeBySystemCode[systemCode] ?? "io") : "io";
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
