import { FileError, type FileErrorOptions } from "./file-error";
import { LumlError } from "./luml-error";

const name = "FileUploadError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * Storage did not take the file's bytes. The artifact record was created and
 * marked `upload_failed`; `artifactId` names it.
 */
export class FileUploadError extends FileError {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

  /** The id of the artifact record whose upload failed. */
  readonly artifactId: string | undefined;

  /** Creates the error; `cause` is the storage error. */
  constructor(options: Omit<FileErrorOptions, "code"> & { artifactId?: string }) {
    super({ ...options, code: "upload_failed" });
    this.name = name;
    this.artifactId = options.artifactId;
  }

  /** Whether `value` is a `FileUploadError` (from any copy of the package). */
  static override isInstance(value: unknown): value is FileUploadError {
    return LumlError.hasMarker(value, marker);
  }
}
