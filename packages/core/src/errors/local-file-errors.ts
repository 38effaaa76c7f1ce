/**
 * The `FileError`s of a file on the local disk, built alike by every runtime that
 * reads and writes one (Node and Bun, Deno): the code from the operating system's
 * error code, a message that names the file safely, and the `changed` errors of a
 * file that moved under an upload. Each runtime adds only how its own errors and
 * `stat` look.
 */
import { displayText } from "../text/display-text";
import { FileError, type FileErrorCode } from "./file-errors";

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

/** The `FileError` code for an error whose `code` is `systemCode` (`ENOENT`…): `io` for any other. */
export function fileErrorCodeOf(systemCode: unknown): FileErrorCode {
  return typeof systemCode === "string" ? (codeBySystemCode[systemCode] ?? "io") : "io";
}

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

/** A `FileError` with the usual message: summary, the path made safe to print, the reason. */
export function localFileError(
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
 * What a file was when it was opened for an upload, as a runtime's `stat` gives it
 * (each runtime says in which units): its identity, size, and modification and
 * change times. A write moves the times, a truncation or an append the size, and
 * replacing the file (an editor's save-by-rename) its identity.
 */
export interface LocalFileState {
  /** The device holding the file. */
  readonly device: bigint | number;
  /** The file's inode number on that device; `null` where the runtime has none. */
  readonly inode: bigint | number | null;
  /** The file's size in bytes. */
  readonly size: bigint | number;
  /** Last modification of the file's data. */
  readonly modified: bigint | number | undefined;
  /** Last change of the file's data or metadata. */
  readonly changed: bigint | number | undefined;
}

/** What differs between two states of a file (`its size went from 10 to 4 bytes`), or `undefined`. */
export function describeFileChange(
  before: LocalFileState,
  now: LocalFileState,
): string | undefined {
  if (before.device !== now.device || before.inode !== now.inode) {
    return "it was replaced by another file";
  }
  if (before.size !== now.size) return `its size went from ${before.size} to ${now.size} bytes`;
  if (before.modified !== now.modified) return "it was modified (its modification time moved)";
  if (before.changed !== now.changed) return "it was modified (its change time moved)";
  return undefined;
}

/** The `changed` error for `path`, saying what differs (`its size went from 10 to 4 bytes`). */
export function changedFileError(path: string, difference: string, cause?: unknown): FileError {
  return localFileError("changed", path, difference, cause);
}

/** The `changed` error for a read of `path` that found the end of the file at `position`. */
export function endedEarlyError(path: string, position: number, expectedEnd: number): FileError {
  return changedFileError(
    path,
    `it ended at byte ${position} instead of reaching byte ${expectedEnd}: it got shorter`,
  );
}
