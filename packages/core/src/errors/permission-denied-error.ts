import { APIStatusError, type APIStatusErrorOptions } from "./api-status-error";
import { LumlError } from "./luml-error";

const name = "PermissionDeniedError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** 403: the API key has no rights on this organization or orbit. */
export class PermissionDeniedError extends APIStatusError {
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

  /** Whether `value` is a `PermissionDeniedError` (from any copy of the package). */
  static override isInstance(value: unknown): value is PermissionDeniedError {
    return LumlError.hasMarker(value, marker);
  }
}
