import { APIStatusError, type APIStatusErrorOptions } from "./api-status-error";
import { LumlError } from "./luml-error";

const name = "ConflictError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** 409: the change conflicts with the resource's state (used by a deployment or a track, a limit reached). */
export class ConflictError extends APIStatusError {
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

  /** Whether `value` is a `ConflictError` (from any copy of the package). */
  static override isInstance(value: unknown): value is ConflictError {
    return LumlError.hasMarker(value, marker);
  }
}
