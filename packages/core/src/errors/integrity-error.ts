import { FileError } from "./file-error";
import { LumlError } from "./luml-error";

const name = "IntegrityError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** The bytes received do not hash to the recorded `file_hash`. */
export class IntegrityError extends FileError {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

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
    this.name = name;
    this.expected = options.expected;
    this.actual = options.actual;
    this.artifactId = options.artifactId;
  }

  /** Whether `value` is an `IntegrityError` (from any copy of the package). */
  static override isInstance(value: unknown): value is IntegrityError {
    return LumlError.hasMarker(value, marker);
  }
}
