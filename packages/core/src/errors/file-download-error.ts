import { FileError, type FileErrorOptions } from "./file-error";
import { LumlError } from "./luml-error";

const name = "FileDownloadError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** A download could not be completed; nothing was left at the destination. */
export class FileDownloadError extends FileError {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

  /** The id of the artifact being downloaded, when known. */
  readonly artifactId: string | undefined;

  /** Creates the error; `cause` is the underlying failure. */
  constructor(options: Omit<FileErrorOptions, "code"> & { artifactId?: string }) {
    super({ ...options, code: "download_failed" });
    this.name = name;
    this.artifactId = options.artifactId;
  }

  /** Whether `value` is a `FileDownloadError` (from any copy of the package). */
  static override isInstance(value: unknown): value is FileDownloadError {
    return LumlError.hasMarker(value, marker);
  }
}
