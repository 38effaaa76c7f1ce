import { APIStatusError, type APIStatusErrorOptions } from "./api-status-error";
import { LumlError } from "./luml-error";

const name = "AuthenticationError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** 401: the API key is missing, malformed or unknown. */
export class AuthenticationError extends APIStatusError {
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

  /** Whether `value` is a `AuthenticationError` (from any copy of the package). */
  static override isInstance(value: unknown): value is AuthenticationError {
    return LumlError.hasMarker(value, marker);
  }
}
