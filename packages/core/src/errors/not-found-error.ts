import { APIStatusError, type APIStatusErrorOptions } from "./api-status-error";
import { LumlError } from "./luml-error";

const name = "NotFoundError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** 404: no such resource (or it belongs to another organization, orbit or collection). */
export class NotFoundError extends APIStatusError {
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

  /** Whether `value` is a `NotFoundError` (from any copy of the package). */
  static override isInstance(value: unknown): value is NotFoundError {
    return LumlError.hasMarker(value, marker);
  }
}
