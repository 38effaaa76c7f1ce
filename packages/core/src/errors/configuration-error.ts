import { LumlError } from "./luml-error";

const name = "ConfigurationError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/**
 * The client or a call is not configured well enough to proceed (no API key, no
 * collection, an orbit without an organization, a bad option). Thrown before
 * any request.
 */
export class ConfigurationError extends LumlError {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

  /** Creates the error with an explanation of what to configure. */
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ message, cause });
    this.name = name;
  }

  /** Whether `value` is a `ConfigurationError` (from any copy of the package). */
  static override isInstance(value: unknown): value is ConfigurationError {
    return LumlError.hasMarker(value, marker);
  }
}
