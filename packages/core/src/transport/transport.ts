/**
 * The seam between LUML's resources and the network. Core owns retries, timeouts
 * and error mapping (`createTransport`); a runtime package supplies at most the
 * single attempt that sends storage bytes (`HttpAttempt`: `node:http`, XHR).
 */

import type { ReplyHeaders } from "./reply-headers";

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
  signal?: AbortSignal | undefined;
  /**
   * Milliseconds to wait for a reply's headers (counted from the last request byte
   * sent, where the runtime reports upload progress) before the attempt fails with
   * `APITimeoutError`. Default: the client's `timeout` (API) or `storageTimeout`.
   */
  timeout?: number | undefined;
  /**
   * Milliseconds a request body being sent, or a reply body being received, may go
   * without a byte before the attempt fails with `APITimeoutError`. Default: the
   * client's `idleTimeout`.
   */
  idleTimeout?: number | undefined;
  /** Retries after a failed attempt, for this request. Default: the client's `maxRetries`. */
  maxRetries?: number | undefined;
}

/** A JSON call to the LUML API. */
export interface ApiRequest extends CallOptions {
  /** The HTTP method; it also decides the default of `retry`. */
  method: HttpMethod;
  /** Path below the base URL, starting with `/v1/`. */
  path: string;
  /**
   * Query parameters, URL-encoded by the transport. `null` and `undefined`
   * values are left out; arrays become repeated keys.
   */
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
  /** The HTTP status, always 2xx. */
  status: number;
  /** The reply headers, as received. */
  headers: ReplyHeaders;
  /** Parsed JSON, or `undefined` for an empty body (204). */
  body: unknown;
}

/** A request straight to object storage, on a presigned URL. */
export interface StorageRequest extends CallOptions {
  /** The HTTP method the URL was signed for (`PUT` for a part, `GET` for a download). */
  method: HttpMethod;
  /**
   * The full presigned URL, sent as is. It carries its own credentials, so no
   * API key is added, and errors report it without its query string.
   */
  url: string;
  /**
   * Headers for this request only (`Range`, `x-ms-blob-type`, …); the client's
   * API headers are never sent to storage.
   */
  headers?: Record<string, string>;
  /** The body; its length is always known so `Content-Length` can be sent. */
  body?: Blob | Uint8Array | string;
  /** Called with the bytes of `body` sent so far (monotonic). */
  onUploadProgress?: (loaded: number) => void;
  /** `text` (default) reads the reply body as text; `stream` hands it over. */
  responseType?: "text" | "stream";
  /** Defaults to true for GET, PUT, DELETE, HEAD; false for POST. */
  retry?: boolean;
  /**
   * Attempts of this same request that already failed (a download's GET whose body
   * broke before it brought a new byte): they spend its `maxRetries` as its own
   * failed attempts would, so asking again never multiplies the retry budget. When
   * none is left, the request is not sent and rejects with `lastError`.
   */
  earlierFailures?:
    | {
        /** How many attempts already failed. */
        count: number;
        /** The error of the last one, thrown if no retry is left. */
        lastError: unknown;
      }
    | undefined;
}

/** A storage reply (2xx only; other statuses throw `APIStatusError`s). */
export interface StorageResponse {
  /** The HTTP status, always 2xx (206 for a range read). */
  status: number;
  /** The reply headers, as received (`ETag` names an uploaded part). */
  headers: ReplyHeaders;
  /** The body as text when `responseType` is `text`. */
  text?: string;
  /** The body stream when `responseType` is `stream`. */
  body?: ReadableStream<Uint8Array> | null;
  /**
   * Attempts the request took, this one included and `earlierFailures` counted: a
   * caller that finds this reply's body unusable passes it on as the count of
   * failures, so the retries spent before its headers are not spent again.
   */
  attempts?: number | undefined;
}

/** What resources and transfers use to reach the network. */
export interface Transport {
  /**
   * Sends a JSON call to the LUML API with the client's API key and headers,
   * repeating retryable failures. Rejects with an `APIStatusError` subclass for
   * a non-2xx reply, `APIConnectionError` or `APITimeoutError` when no reply
   * came, and the signal's reason when aborted.
   */
  request(request: ApiRequest): Promise<ApiResponse>;
  /**
   * Sends a request to object storage on a presigned URL, without the API key,
   * repeating retryable failures. Rejects like `request`; storage error bodies
   * (S3 or Azure XML) are summarised in the message.
   */
  storage(request: StorageRequest): Promise<StorageResponse>;
}
