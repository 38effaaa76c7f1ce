import {
  APIConnectionError,
  APITimeoutError,
  type Platform,
  retryStorageRequest,
  statusErrorFor,
} from "@luml/core";

/** Core's transport, as a platform's `storageTransport` receives it. */
type Transport = Parameters<NonNullable<Platform["storageTransport"]>>[0];
type StorageRequest = Parameters<Transport["storage"]>[0];
type StorageResponse = Awaited<ReturnType<Transport["storage"]>>;

/** Options of {@link createXhrStorageTransport}. */
export interface XhrStorageTransportOptions {
  /** Retries after the first attempt of an idempotent request (default 2). */
  maxRetries?: number;
  /** First backoff ceiling in milliseconds, doubled per retry, with full jitter (default 500). */
  initialRetryDelay?: number;
  /**
   * Longest wait between attempts, `Retry-After` included (default: core's
   * `defaultRetryPolicy`, 8,000 for backoff and 60,000 for `Retry-After`).
   */
  maxRetryDelay?: number;
}

/**
 * The storage half of the transport for browsers: requests with a body (part PUTs,
 * the multipart POSTs) go through `XMLHttpRequest`, whose `upload.onprogress`
 * reports bytes as they leave (fetch cannot). Body-less requests (download GETs,
 * deletes) stay on core's fetch transport.
 *
 * Idempotent requests (all but POST, unless `retry` says otherwise) are retried on
 * network errors, timeouts, 408, 429 and 5xx by core's `retryStorageRequest`
 * (exponential backoff with full jitter, honouring `Retry-After`).
 */
export function createXhrStorageTransport(
  fallback: Transport,
  options: XhrStorageTransportOptions = {},
): Transport["storage"] {
  const policy = {
    maxRetries: options.maxRetries,
    baseDelay: options.initialRetryDelay,
    maxDelay: options.maxRetryDelay,
    maxRetryAfter: options.maxRetryDelay,
  };
  return (request) => {
    if (request.body === undefined || typeof XMLHttpRequest === "undefined") {
      return fallback.storage(request);
    }
    return retryStorageRequest(request, sendOnce, policy);
  };
}

/** One attempt; retries, backoff and monotonic progress are core's. */
function sendOnce(request: StorageRequest): Promise<StorageResponse> {
  const { signal } = request;
  signal?.throwIfAborted();
  return new Promise<StorageResponse>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const context = { method: request.method, url: request.url };
    const cleanUp = () => signal?.removeEventListener("abort", onAbort);
    const onAbort = () => {
      cleanUp();
      xhr.abort();
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    xhr.open(request.method, request.url);
    for (const [name, value] of Object.entries(request.headers ?? {}))
      xhr.setRequestHeader(name, value);
    if (request.timeout !== undefined) xhr.timeout = request.timeout;
    xhr.responseType = "text";
    xhr.upload.onprogress = (event) => request.onUploadProgress?.(event.loaded);
    xhr.onload = () => {
      cleanUp();
      const headers = parseHeaders(xhr.getAllResponseHeaders());
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ status: xhr.status, headers, text: xhr.responseText });
      } else {
        reject(statusErrorFor(xhr.status, xhr.responseText, { ...context, headers }));
      }
    };
    xhr.onerror = () => {
      cleanUp();
      reject(
        new APIConnectionError({
          ...context,
          message: `Connection error: ${request.method} to storage did not get a reply.`,
        }),
      );
    };
    xhr.ontimeout = () => {
      cleanUp();
      reject(new APITimeoutError({ ...context, timeout: request.timeout }));
    };
    xhr.send(toXhrBody(request.body));
  });
}

function toXhrBody(body: StorageRequest["body"]): XMLHttpRequestBodyInit | null {
  if (body === undefined) return null;
  return body as XMLHttpRequestBodyInit;
}

/** `getAllResponseHeaders` lists only the headers CORS exposes (ETag must be). */
function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const index = line.indexOf(":");
    if (index > 0) headers.append(line.slice(0, index).trim(), line.slice(index + 1).trim());
  }
  return headers;
}
