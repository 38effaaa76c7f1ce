import { APIStatusError, type APIStatusErrorOptions } from "./api-status-error";
import { LumlError } from "./luml-error";

const name = "BadRequestError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** 400: the server refused the request (invalid status transition, unknown sort column, type mismatch…). */
export class BadRequestError extends APIStatusError {
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

  /** Whether `value` is a `BadRequestError` (from any copy of the package). */
  static override isInstance(value: unknown): value is BadRequestError {
    return LumlError.hasMarker(value, marker);
  }
}
