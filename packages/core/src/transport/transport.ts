/**
 * The seam between LUML's resources and the network. Core ships a ky/fetch
 * implementation; a runtime package may supply its own storage requests (for
 * example XMLHttpRequest in browsers, which can report request-body progress).
 */

/** HTTP methods the SDK sends. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";

/** A query value; arrays are sent as repeated keys (`types=a&types=b`). */
export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | ReadonlyArray<string | number | boolean>;

/** Options every call accepts. */
export interface CallOptions {
  /** Cancels the call; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Milliseconds before one attempt gives up with `APITimeoutError`. */
  timeout?: number;
}

/** A JSON call to the LUML API. */
export interface ApiRequest extends CallOptions {
  method: HttpMethod;
  /** Path below the base URL, starting with `/v1/`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body. */
  body?: unknown;
  /**
   * Whether a failed attempt may be repeated. Defaults to true for GET, PUT,
   * PATCH, DELETE, HEAD and false for POST (a POST may create state).
   */
  retry?: boolean;
}

/** A parsed API reply (2xx only; other statuses throw `APIStatusError`s). */
export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or `undefined` for an empty body (204). */
  body: unknown;
}

/** A request straight to object storage, on a presigned URL. */
export interface StorageRequest extends CallOptions {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  /** The body; its length is always known so `Content-Length` can be sent. */
  body?: Blob | Uint8Array | string;
  /** Called with the bytes of `body` sent so far (monotonic). */
  onUploadProgress?: (loaded: number) => void;
  /** `text` (default) reads the reply body as text; `stream` hands it over. */
  responseType?: "text" | "stream";
  /** Defaults to true for GET, PUT, DELETE, HEAD; false for POST. */
  retry?: boolean;
}

/** A storage reply (2xx only; other statuses throw `APIStatusError`s). */
export interface StorageResponse {
  status: number;
  headers: Headers;
  /** The body as text when `responseType` is `text`. */
  text?: string;
  /** The body stream when `responseType` is `stream`. */
  body?: ReadableStream<Uint8Array> | null;
}

/** What resources and transfers use to reach the network. */
export interface Transport {
  request(request: ApiRequest): Promise<ApiResponse>;
  storage(request: StorageRequest): Promise<StorageResponse>;
}
