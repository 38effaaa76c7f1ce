/** Errors about the file being uploaded or downloaded, and about its transfer. */
import { isInstanceCheck, LumlError } from "./luml-error";

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
  /** Whether `value` is a `FileError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<FileError>("FileError");

  /** Why the file could not be used. */
  readonly code: FileErrorCode;
  /** The file's name or path, when known. */
  readonly fileName: string | undefined;

  /** Creates the error. */
  constructor(options: FileErrorOptions) {
    super(options);
    this.code = options.code;
    this.fileName = options.fileName;
  }
}

/**
 * An upload failed after its artifact record was created: `artifactId` names the
 * record and `artifactStatus` says what it was left as (`upload_failed` normally;
 * `pending_upload` only when even marking it failed did not go through, and then the
 * message says how to clean it up). `code` is the cause's `FileError` code when the
 * file itself was the problem (`changed`…), else `upload_failed`.
 */
export class FileUploadError extends FileError {
  /** Whether `value` is a `FileUploadError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<FileUploadError>("FileUploadError");

  /** The id of the artifact record whose upload failed. */
  readonly artifactId: string | undefined;
  /** The status the record was left in, when known (`upload_failed`, `pending_upload`). */
  readonly artifactStatus: string | undefined;

  /** Creates the error; `cause` is the storage or file error. */
  constructor(
    options: Omit<FileErrorOptions, "code"> & {
      code?: FileErrorOptions["code"];
      artifactId?: string;
      artifactStatus?: string;
    },
  ) {
    super({ ...options, code: options.code ?? "upload_failed" });
    this.artifactId = options.artifactId;
    this.artifactStatus = options.artifactStatus;
  }
}

/** A download could not be completed; nothing was left at the destination. */
export class FileDownloadError extends FileError {
  /** Whether `value` is a `FileDownloadError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<FileDownloadError>("FileDownloadError");

  /** The id of the artifact being downloaded, when known. */
  readonly artifactId: string | undefined;

  /** Creates the error; `cause` is the underlying failure. */
  constructor(options: Omit<FileErrorOptions, "code"> & { artifactId?: string }) {
    super({ ...options, code: "download_failed" });
    this.artifactId = options.artifactId;
  }
}

/** The bytes received do not hash to the recorded `file_hash`. */
export class IntegrityError extends FileError {
  /** Whether `value` is an `IntegrityError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<IntegrityError>("IntegrityError");

  /** The recorded sha256 (hex). */
  readonly expected: string;
  /** The sha256 of the bytes received (hex). */
  readonly actual: string;
  /** The id of the artifact, when known. */
  readonly artifactId: string | undefined;

  /** Creates the error. */
  constructor(options: {
    expected: string;
    actual: string;
    artifactId?: string;
    fileName?: string;
    cause?: unknown;
  }) {
    super({
      message: `Integrity check failed${options.fileName ? ` for ${options.fileName}` : ""}: expected sha256 ${options.expected}, got ${options.actual}.`,
      code: "integrity",
      fileName: options.fileName,
      cause: options.cause,
      isRetryable: true,
    });
    this.expected = options.expected;
    this.actual = options.actual;
    this.artifactId = options.artifactId;
  }
}
