import { FileError, type FileErrorOptions } from "./file-error";
import { LumlError } from "./luml-error";

const name = "FileUploadError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * An upload failed after its artifact record was created: `artifactId` names the
 * record and `artifactStatus` says what it was left as (`upload_failed` normally;
 * `pending_upload` only when even marking it failed did not go through, and then the
 * message says how to clean it up). `code` is the cause's `FileError` code when the
 * file itself was the problem (`changed`…), else `upload_failed`.
 */
export class FileUploadError extends FileError {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

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
    this.name = name;
    this.artifactId = options.artifactId;
    this.artifactStatus = options.artifactStatus;
  }

  /** Whether `value` is a `FileUploadError` (from any copy of the package). */
  static override isInstance(value: unknown): value is FileUploadError {
    return LumlError.hasMarker(value, marker);
  }
}
