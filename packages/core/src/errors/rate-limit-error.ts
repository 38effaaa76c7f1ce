import { APIStatusError, type APIStatusErrorOptions } from "./api-status-error";
import { LumlError } from "./luml-error";

const name = "RateLimitError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** 429: too many requests; retry after `retryAfter` milliseconds when known. */
export class RateLimitError extends APIStatusError {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

  /** Milliseconds the server asked to wait (from `Retry-After`), if it said. */
  readonly retryAfter: number | undefined;

  /** Creates the error from the reply. */
  constructor(options: APIStatusErrorOptions) {
    super(options);
    this.name = name;
    this.retryAfter = parseRetryAfter(this.headers["retry-after"]);
  }

  /** Whether `value` is a `RateLimitError` (from any copy of the package). */
  static override isInstance(value: unknown): value is RateLimitError {
    return LumlError.hasMarker(value, marker);
  }
}

/**
 * Reads a `Retry-After` value (delta seconds or an HTTP date) as milliseconds
 * from `now`; `undefined` when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (value == null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
