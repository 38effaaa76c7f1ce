/**
 * The root of the SDK's errors and the brand that lets `isInstance` recognise an
 * error thrown by another copy of the package (two versions in one bundle, a
 * worker's own copy): every class of the chain marks its instances with
 * `Symbol.for("luml.error.<Name>")` (`Symbol.for("luml.error")` for `LumlError`).
 */

/** The `Symbol.for` key a class marks its instances with. */
function brand(errorName: string): symbol {
  return Symbol.for(errorName === "LumlError" ? "luml.error" : `luml.error.${errorName}`);
}

/**
 * The `isInstance` of the class named `errorName`: checks its brand, so it also
 * recognises errors of another copy of the package. The name it carries is the
 * class's: its instances' `name` and brand (so minifying class names changes neither).
 * @internal
 */
export function isInstanceCheck<T>(errorName: string): (value: unknown) => value is T {
  const key = brand(errorName);
  const check = (value: unknown): value is T =>
    value != null &&
    typeof value === "object" &&
    key in value &&
    (value as Record<symbol, unknown>)[key] === true;
  return Object.assign(check, { errorName });
}

/** The name an error class's own `isInstance` carries. */
function errorNameOf(type: object): string | undefined {
  return (type as { isInstance?: { errorName?: string } }).isInstance?.errorName;
}

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
  /** Whether repeating the same call may succeed. */
  readonly isRetryable: boolean;

  /** Creates an error; subclasses pass their own options. */
  constructor({ message, cause, isRetryable = false }: LumlErrorOptions) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = errorNameOf(new.target) ?? "LumlError";
    this.isRetryable = isRetryable;
    // One brand per class of the chain (each class with its own `isInstance`), so
    // `APIError.isInstance(timeout)` holds too.
    for (let type: object | null = new.target; type && type !== Error; ) {
      const errorName = Object.hasOwn(type, "isInstance") ? errorNameOf(type) : undefined;
      if (errorName) Object.defineProperty(this, brand(errorName), { value: true });
      type = Object.getPrototypeOf(type);
    }
  }

  /**
   * Whether `value` is a `LumlError`, from this or any other copy of the package.
   * Each subclass has its own (`NotFoundError.isInstance`); it can be passed on
   * unbound (`errors.filter(NotFoundError.isInstance)`).
   *
   * @example
   * ```ts
   * try {
   *   await luml.artifacts.retrieve(id);
   * } catch (error) {
   *   if (NotFoundError.isInstance(error)) console.log("no artifact", id);
   *   else if (LumlError.isInstance(error) && error.isRetryable) console.log("try again later");
   *   else throw error;
   * }
   * ```
   */
  static readonly isInstance: (value: unknown) => value is LumlError =
    isInstanceCheck<LumlError>("LumlError");
}

/**
 * The client or a call is not configured well enough to proceed (no API key, no
 * collection, an orbit without an organization, a bad option, a runtime that may
 * not reach the network). Thrown before any request leaves.
 */
export class ConfigurationError extends LumlError {
  /** Whether `value` is a `ConfigurationError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<ConfigurationError>("ConfigurationError");

  /** Creates the error with an explanation of what to configure. */
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ message, cause });
  }
}
