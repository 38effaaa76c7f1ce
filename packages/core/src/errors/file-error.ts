import { LumlError } from "./luml-error";

const name = "FileError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** Why a file could not be used. */
export type FileErrorCode =
  | "not_found"
  | "not_a_tar"
  | "truncated"
  | "missing_manifest"
  | "invalid_manifest"
  | "unsupported_extension"
  | "too_large"
  | "invalid_name"
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
