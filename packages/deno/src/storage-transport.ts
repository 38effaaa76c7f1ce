import http, { type ClientRequest, type IncomingMessage } from "node:http";
import https from "node:https";
import {
  APIConnectionError,
  APITimeoutError,
  bodyLength,
  coalescedReplyStream,
  countingStream,
  defaultStorageTimeout,
  headersFromRecord,
  type Platform,
  readReplyText,
  retryStorageRequest,
  type StorageSettings,
  statusErrorFor,
} from "@luml/core";

/** Core's transport, as a platform's `storageTransport` receives it. */
type Transport = Parameters<NonNullable<Platform["storageTransport"]>>[0];
type StorageRequest = Parameters<Transport["storage"]>[0];
type StorageResponse = Awaited<ReturnType<Transport["storage"]>>;

// Kept-alive sockets: parts and ranges reuse connections instead of opening one each.
const httpAgent = new http.Agent({ keepAlive: true });
const httpsAgent = new https.Agent({ keepAlive: true });

/**
 * The storage half of the transport for Deno, on `node:http`/`node:https`. Deno's
 * `fetch` sends a streamed body chunked whatever `Content-Length` says, and object
 * storage refuses chunked PUTs; Deno's `node:http` client sends the declared
 * `Content-Length`. So a file-backed body is streamed from disk with backpressure,
 * progress counts bytes as they go out, and memory stays flat whatever the file size.
 * Retries, backoff, `Retry-After` and aborts are core's (`retryStorageRequest`);
 * errors are core's classes. When the client was given its own `fetch`, core's
 * transport is used.
 */
export function createDenoStorageTransport(
  fallback: Transport,
  settings: StorageSettings = {},
): Transport["storage"] {
  if (settings.fetch) return fallback.storage;
  return (request) =>
    retryStorageRequest(request, storageAttempt, { maxRetries: settings.maxRetries });
}

/** One request: streams the body with backpressure and reads the reply. */
function storageAttempt(request: StorageRequest): Promise<StorageResponse> {
  const url = new URL(request.url);
  const timeout = request.timeout ?? defaultStorageTimeout;
  const context = { method: request.method, url: request.url };
  const secure = url.protocol === "https:";
  const headers: Record<string, string> = { ...request.headers };
  const length = request.body === undefined ? undefined : bodyLength(request.body);
  if (length !== undefined) headers["content-length"] = String(length);

  return new Promise<StorageResponse>((resolve, reject) => {
    let settled = false;
    const outgoing = (secure ? https : http).request(url, {
      method: request.method,
      headers,
      agent: secure ? httpsAgent : httpAgent,
    });
    const finish = (error: unknown, response?: StorageResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", onAbort);
      if (response) resolve(response);
      else reject(error);
    };
    const fail = (error: unknown) => {
      finish(error);
      outgoing.destroy();
    };
    // As with fetch, the timeout covers sending and the wait for the reply headers.
    const timer = setTimeout(() => fail(new APITimeoutError({ ...context, timeout })), timeout);
    const onAbort = () => fail(request.signal?.reason);
    request.signal?.addEventListener("abort", onAbort, { once: true });

    outgoing.on("error", (cause) => {
      if (request.signal?.aborted) return fail(request.signal.reason);
      fail(new APIConnectionError({ ...context, cause }));
    });
    outgoing.on("response", (reply: IncomingMessage) => {
      const status = reply.statusCode ?? 0;
      const replyHeaders = headersFromRecord(reply.headers);
      const ok = status >= 200 && status < 300;
      if (ok && request.responseType === "stream") {
        const body = coalescedReplyStream(reply, { onCancel: () => reply.destroy() });
        finish(undefined, { status, headers: replyHeaders, body });
        // An abort while the body is read destroys it.
        const onBodyAbort = () => reply.destroy(request.signal?.reason);
        request.signal?.addEventListener("abort", onBodyAbort, { once: true });
        reply.once("close", () => request.signal?.removeEventListener("abort", onBodyAbort));
        return;
      }
      readReplyText(reply).then(
        (text) => {
          if (!ok) return fail(statusErrorFor(status, text, { headers: replyHeaders, ...context }));
          if (length !== undefined) request.onUploadProgress?.(length);
          finish(undefined, { status, headers: replyHeaders, text });
        },
        (cause) => {
          if (request.signal?.aborted) return fail(request.signal.reason);
          fail(
            new APIConnectionError({
              ...context,
              cause,
              message: "Connection error: the reply was cut off before its end.",
            }),
          );
        },
      );
    });
    sendBody(outgoing, request, fail);
  });
}

/**
 * Writes the request body. A Blob (the file-backed `DenoFileBlob` slice) is read
 * step by step and each piece written only once the socket drained the last, so
 * at most a chunk or two is in memory; progress counts the pieces handed over.
 */
async function sendBody(
  outgoing: ClientRequest,
  request: StorageRequest,
  fail: (error: unknown) => void,
): Promise<void> {
  const { body, onUploadProgress } = request;
  if (body === undefined) {
    outgoing.end();
    return;
  }
  if (!(body instanceof Blob) && !isBlobLike(body)) {
    outgoing.end(typeof body === "string" ? new TextEncoder().encode(body) : body);
    return;
  }
  const stream = onUploadProgress ? countingStream(body, onUploadProgress) : body.stream();
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (outgoing.destroyed) return;
      if (!outgoing.write(value)) await drained(outgoing);
    }
    if (!outgoing.destroyed) outgoing.end();
  } catch (cause) {
    // A file that cannot be read fails the attempt like a broken connection.
    fail(new APIConnectionError({ cause }));
  } finally {
    if (outgoing.destroyed) reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** `DenoFileBlob` is Blob-shaped without extending `Blob`. */
function isBlobLike(body: unknown): body is Blob {
  return typeof (body as { stream?: unknown }).stream === "function";
}

/** Resolves when the request can take more bytes, or is gone. */
function drained(outgoing: ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      outgoing.off("drain", done);
      outgoing.off("close", done);
      resolve();
    };
    outgoing.once("drain", done);
    outgoing.once("close", done);
  });
}
