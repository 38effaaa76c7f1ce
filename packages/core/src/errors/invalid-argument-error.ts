import { LumlError } from "./luml-error";

const name = "InvalidArgumentError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** A method was called with a bad argument (an empty id, a limit out of range…). Thrown before any request. */
export class InvalidArgumentError extends LumlError {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

  /** The name of the offending argument or option. */
  readonly argument: string;

  /** Creates the error. */
  constructor(options: { argument: string; message: string; cause?: unknown }) {
    super({ message: `Invalid ${options.argument}: ${options.message}`, cause: options.cause });
    this.name = name;
    this.argument = options.argument;
  }

  /** Whether `value` is an `InvalidArgumentError` (from any copy of the package). */
  static override isInstance(value: unknown): value is InvalidArgumentError {
    return LumlError.hasMarker(value, marker);
  }
}
