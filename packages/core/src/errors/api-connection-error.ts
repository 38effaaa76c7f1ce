import { APIError, type APIErrorOptions } from "./api-error";
import { LumlError } from "./luml-error";

const name = "APIConnectionError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** The request never got a complete reply (DNS, refused or reset connection…). */
export class APIConnectionError extends APIError {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

  /** Creates the error; `cause` is the network error. */
  constructor(options: Partial<APIErrorOptions> & { cause?: unknown } = {}) {
    super({
      ...options,
      message: options.message ?? "Connection error: the request did not get a complete reply.",
      isRetryable: options.isRetryable ?? true,
    });
    this.name = name;
  }

  /** Whether `value` is an `APIConnectionError` (from any copy of the package). */
  static override isInstance(value: unknown): value is APIConnectionError {
    return LumlError.hasMarker(value, marker);
  }
}
