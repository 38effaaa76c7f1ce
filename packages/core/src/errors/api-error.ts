import { LumlError } from "./luml-error";

const name = "APIError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

/** Options of `APIError` and its subclasses. */
export interface APIErrorOptions {
  /** What went wrong, for people; shown as the error's `message`. */
  message: string;
  /** The underlying error (a network `TypeError`, an abort reason, …), kept as `cause`. */
  cause?: unknown;
  /** Whether repeating the same call may succeed. Defaults to `false`. */
  isRetryable?: boolean;
  /** The method of the failed request. */
  method?: string;
  /** The URL of the failed request, without its query string (it may hold signatures). */
  url?: string;
}

/** A call to the LUML API or to object storage failed. */
export class APIError extends LumlError {
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

  /** The method of the failed request. */
  readonly method: string | undefined;
  /** The URL of the failed request, without its query string. */
  readonly url: string | undefined;

  /** Creates the error. */
  constructor(options: APIErrorOptions) {
    super(options);
    this.name = name;
    this.method = options.method;
    this.url = options.url === undefined ? undefined : stripQuery(options.url);
  }

  /** Whether `value` is an `APIError` (from any copy of the package). */
  static override isInstance(value: unknown): value is APIError {
    return LumlError.hasMarker(value, marker);
  }
}

/** Presigned URLs carry credentials in the query; errors keep only the path. */
function stripQuery(url: string): string {
  const index = url.search(/[?#]/);
  return index === -1 ? url : url.slice(0, index);
}
