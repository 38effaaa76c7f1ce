/**
 * The one thing a runtime adds to the network path: a single HTTP request, sent
 * once. Core's runner (`runAttempt`) owns everything around it (timeouts, error
 * mapping, reading the reply), and `withRetries` owns repeating it, so every
 * runtime's path (fetch, `node:http`, XHR) keeps the same promises.
 */

import type { ReplyHeaders } from "./reply-headers";

/** One request, as core hands it to an attempt. */
export interface HttpAttemptRequest {
  /** The HTTP method. */
  method: string;
  /** The full URL, sent as is (presigned storage URLs carry their credentials in it). */
  url: string;
  /** Request headers; `content-length` is set by the attempt when there is a body. */
  headers: Record<string, string>;
  /** The body, of known length: sent with `Content-Length`, never chunked. */
  body?: Blob | Uint8Array | string;
  /**
   * Aborted by core when the caller cancels or a timeout expires: the attempt must
   * then stop sending, drop the connection, and fail its promise or its reply body.
   */
  signal: AbortSignal;
  /**
   * Called with the body bytes handed to the network so far, as they go, where the
   * runtime can tell; core uses it to tell a slow upload from a stalled one.
   */
  onUploadProgress?: (loaded: number) => void;
  /**
   * Called as reply body bytes arrive from the network, by an attempt that gathers
   * them into larger chunks before handing them on: core counts their arrival, not
   * the chunks' delivery, against the idle timeout, so a slow reply (a chunk taking
   * longer than the timeout to fill) is not taken for a stalled one.
   */
  onReplyProgress?: () => void;
}

/** What an attempt resolves with: the reply, as soon as its headers are in. */
export interface HttpAttemptReply {
  /** The HTTP status. */
  status: number;
  /** The reply headers. */
  headers: ReplyHeaders;
  /**
   * The reply body, unread. It must error (not end) when the connection breaks
   * before the body's end, and when the request's signal aborts.
   */
  body: ReadableStream<Uint8Array> | null;
}

/**
 * Sends one request and resolves once the reply's headers arrive. It rejects with
 * whatever went wrong (core maps it: a network failure becomes `APIConnectionError`,
 * an expired timeout `APITimeoutError`, a `LumlError` such as a changed file passes
 * through as is). No retries, no timeouts of its own.
 */
export type HttpAttempt = (request: HttpAttemptRequest) => Promise<HttpAttemptReply>;
