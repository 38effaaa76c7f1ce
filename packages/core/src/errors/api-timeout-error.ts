import { APIConnectionError } from "./api-connection-error";
import type { APIErrorOptions } from "./api-error";
import { LumlError } from "./luml-error";

const name = "APITimeoutError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** One attempt took longer than the configured `timeout`. */
export class APITimeoutError extends APIConnectionError {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

  /** The timeout that expired, in milliseconds. */
  readonly timeout: number | undefined;

  /** Creates the error. */
  constructor(options: Partial<APIErrorOptions> & { timeout?: number } = {}) {
    super({
      ...options,
      message:
        options.message ??
        `Request timed out${options.timeout === undefined ? "" : ` after ${options.timeout} ms`}.`,
    });
    this.name = name;
    this.timeout = options.timeout;
  }

  /** Whether `value` is an `APITimeoutError` (from any copy of the package). */
  static override isInstance(value: unknown): value is APITimeoutError {
    return LumlError.hasMarker(value, marker);
  }
}
