import { LumlError } from "./luml-error";

const name = "FileError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** Why a file could not be used. */
export type FileErrorCode =
  /** The file does not exist (or a folder on its path does not). */
  | "not_found"
  /** The file is not a tar archive. */
  | "not_a_tar"
  /** The archive ends before its last member does: it was cut short. */
  | "truncated"
  /** The archive has no `manifest.json`. */
  | "missing_manifest"
  /** The archive's `manifest.json` is not valid. */
  | "invalid_manifest"
  /** The file name's extension is not one of the artifact archive extensions. */
  | "unsupported_extension"
  /** The file is larger than the largest artifact (5 TiB). */
  | "too_large"
  /** The file name is not one the API accepts, or a `Blob` without a name was given none. */
  | "invalid_name"
  /**
   * The file changed while the SDK was reading it: its size, modification or change
   * time differ from when it was opened, it was replaced, or it ended before the
   * size it had then.
   */
  | "changed"
  /** The operating system refused access to the file (EACCES, EPERM). */
  | "permission_denied"
  /** The disk or the user's quota is full (ENOSPC, EDQUOT). */
  | "no_space"
  /** The file system is mounted read-only (EROFS). */
  | "read_only"
  /** A folder, a pipe, a device or another non-regular file was given as a file. */
  | "not_a_file"
  /** Any other file-system failure (EIO, EMFILE, …); `cause` holds the original error. */
  | "io"
  /** Storage refused or lost the upload (`FileUploadError`). */
  | "upload_failed"
  /** The download could not be completed (`FileDownloadError`). */
  | "download_failed"
  /** The downloaded bytes do not match the recorded hash (`IntegrityError`). */
  | "integrity";

/** Options of `FileError` and its subclasses. */
export interface FileErrorOptions {
  /** What went wrong, for people; shown as the error's `message`. */
  message: string;
  /** Why the file could not be used; lets callers branch without parsing the message. */
  code: FileErrorCode;
  /** The file's name or path, when known. */
  fileName?: string;
  /** The underlying error (a file-system or storage error), kept as `cause`. */
  cause?: unknown;
  /** Whether repeating the same call may succeed. Defaults to `false`. */
  isRetryable?: boolean;
}

/** A file to upload or download is unusable or its transfer failed. */
export class FileError extends LumlError {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

  /** Why the file could not be used. */
  readonly code: FileErrorCode;
  /** The file's name or path, when known. */
  readonly fileName: string | undefined;

  /** Creates the error. */
  constructor(options: FileErrorOptions) {
    super(options);
    this.name = name;
    this.code = options.code;
    this.fileName = options.fileName;
  }

  /** Whether `value` is a `FileError` (from any copy of the package). */
  static override isInstance(value: unknown): value is FileError {
    return LumlError.hasMarker(value, marker);
  }
}
