import { APIStatusError, type APIStatusErrorOptions } from "./api-status-error";
import { LumlError } from "./luml-error";

const name = "UnprocessableEntityError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** One FastAPI request-validation issue. */
export interface ValidationIssue {
  /** Where: `["body", "file_name"]`. */
  loc: Array<string | number>;
  /** The server's explanation, e.g. `String should match pattern '^[^/]+$'`. */
  msg: string;
  /** The machine-readable kind of failure, e.g. `string_pattern_mismatch` or `missing`. */
  type: string;
}

/**
 * 422: the request failed the server's validation. The message lists each issue
 * as `body.file_name: string does not match regex …`.
 */
export class UnprocessableEntityError extends APIStatusError {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

  /** The issues the server reported (empty when `detail` was not a list). */
  readonly issues: ValidationIssue[];

  /** Creates the error from the reply. */
  constructor(options: APIStatusErrorOptions) {
    super(options);
    this.name = name;
    const detail = (this.body as { detail?: unknown } | null | undefined)?.detail;
    this.issues = Array.isArray(detail) ? (detail as ValidationIssue[]) : [];
  }

  /** Whether `value` is an `UnprocessableEntityError` (from any copy of the package). */
  static override isInstance(value: unknown): value is UnprocessableEntityError {
    return LumlError.hasMarker(value, marker);
  }
}
