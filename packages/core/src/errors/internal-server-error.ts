import { APIStatusError, type APIStatusErrorOptions } from "./api-status-error";
import { LumlError } from "./luml-error";

const name = "InternalServerError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** A 5xx status: the server failed; the call may succeed if repeated. */
export class InternalServerError extends APIStatusError {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

  /** Creates the error from the reply. */
  constructor(options: APIStatusErrorOptions) {
    super(options);
    this.name = name;
  }

  /** Whether `value` is a `InternalServerError` (from any copy of the package). */
  static override isInstance(value: unknown): value is InternalServerError {
    return LumlError.hasMarker(value, marker);
  }
}
