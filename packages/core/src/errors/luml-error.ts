const name = "LumlError";
const marker = "luml.error";
const symbol = Symbol.for(marker);

/** Options shared by every LUML error. */
export interface LumlErrorOptions {
  /** What went wrong, for people. */
  message: string;
  /** The underlying error, when there is one. */
  cause?: unknown;
  /** Whether repeating the same call may succeed. Defaults to `false`. */
  isRetryable?: boolean;
}

/**
 * The root of every error the SDK throws (aborts excepted: they reject with the
 * signal's reason). Use `LumlError.isInstance(error)` rather than `instanceof`:
 * it also recognises errors created by another copy of the package.
 */
export class LumlError extends Error {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

  /** Whether repeating the same call may succeed. */
  readonly isRetryable: boolean;

  /** Creates an error; subclasses pass their own options. */
  constructor({ message, cause, isRetryable = false }: LumlErrorOptions) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = name;
    this.isRetryable = isRetryable;
  }

  /** Whether `value` is a `LumlError`, from this or any other copy of the package. */
  static isInstance(value: unknown): value is LumlError {
    return LumlError.hasMarker(value, marker);
  }

  /** Checks the per-class `Symbol.for` marker a subclass instance carries. */
  protected static hasMarker(value: unknown, markerName: string): boolean {
    const markerSymbol = Symbol.for(markerName);
    return (
      value != null &&
      typeof value === "object" &&
      markerSymbol in value &&
      (value as Record<symbol, unknown>)[markerSymbol] === true
    );
  }
}
