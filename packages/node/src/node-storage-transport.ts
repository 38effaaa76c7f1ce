import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import {
  APIConnectionError,
  APITimeoutError,
  type Platform,
  retryStorageRequest,
  statusErrorFor,
} from "@luml/core";
import { FileBlob } from "./file-blob";

/** Core's transport, as a platform's `storageTransport` receives it. */
type Transport = Parameters<NonNullable<Platform["storageTransport"]>>[0];
/** The client options a storage transport honours. */
type StorageSettings = NonNullable<Parameters<NonNullable<Platform["storageTransport"]>>[1]>;
type StorageRequest = Parameters<Transport["storage"]>[0];
type StorageResponse = Awaited<ReturnType<Transport["storage"]>>;

/** Default time a storage attempt may wait for its reply headers, in milliseconds (as core's). */
const defaultStorageTimeout = 600_000;
/** Reply bytes gathered into one chunk of a streamed body: fewer, larger chunks downstream. */
const replyChunkSize = 1024 * 1024;

// Kept-alive sockets: parts and ranges reuse connections instead of opening one each.
const httpAgent = new http.Agent({ keepAlive: true });
const httpsAgent = new https.Agent({ keepAlive: true });

/**
 * The storage half of the transport for Node, on `node:http`/`node:https`. `fetch`
 * (undici) holds a streamed request body in memory far ahead of the socket, so
 * each multipart part in flight cost its whole size; here a file part is piped
 * from disk with backpressure and memory stays flat whatever the file size.
 * Semantics match core's fetch transport: per-attempt timeout until the reply
 * headers, retries of network errors, 408, 429 and 5xx for idempotent methods
 * (backoff with full jitter, `Retry-After` honoured), the same error classes.
 * In Bun, or when the client was given its own `fetch`, core's transport is used.
 */
export function createNodeStorageTransport(
  fallback: Transport,
  settings: StorageSettings = {},
): Transport["storage"] {
  const runtime = globalThis as { Bun?: unknown };
  if (runtime.Bun || settings.fetch) return fallback.storage;
  return (request) =>
    retryStorageRequest(request, storageAttempt, { maxRetries: settings.maxRetries });
}

/** One request: sends the body with backpressure and reads the reply. */
function storageAttempt(request: StorageRequest): Promise<StorageResponse> {
  const onProgress = request.onUploadProgress;
  request.signal?.throwIfAborted();
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
    const timer = setTimeout(() => fail(new APITimeoutError({ ...context, timeout })), timeout);
    const onAbort = () => fail(request.signal?.reason);
    request.signal?.addEventListener("abort", onAbort, { once: true });

    outgoing.on("error", (cause) => {
      if (request.signal?.aborted) return fail(request.signal.reason);
      fail(new APIConnectionError({ ...context, cause }));
    });
    outgoing.on("response", (reply) => {
      const replyHeaders = toHeaders(reply);
      const ok =
        reply.statusCode !== undefined && reply.statusCode >= 200 && reply.statusCode < 300;
      const status = reply.statusCode ?? 0;
      if (ok && request.responseType === "stream") {
        // As with fetch, the timeout covers the wait for the headers, not the body,
        // and an abort while the body is read destroys it.
        finish(undefined, { status, headers: replyHeaders, body: coalescedStream(reply) });
        const onBodyAbort = () => reply.destroy(request.signal?.reason);
        request.signal?.addEventListener("abort", onBodyAbort, { once: true });
        reply.once("close", () => request.signal?.removeEventListener("abort", onBodyAbort));
        return;
      }
      readText(reply).then(
        (text) => {
          if (!ok) {
            fail(statusErrorFor(status, text, { headers: replyHeaders, ...context }));
            return;
          }
          if (onProgress && length !== undefined) onProgress(length);
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
    sendBody(outgoing, request.body, onProgress, fail);
  });
}

/** Writes `body` to the request: a file range is piped from disk, counting what goes out. */
function sendBody(
  outgoing: http.ClientRequest,
  body: StorageRequest["body"],
  onProgress: ((loaded: number) => void) | undefined,
  fail: (error: unknown) => void,
): void {
  if (body === undefined) {
    outgoing.end();
    return;
  }
  if (typeof body === "string" || body instanceof Uint8Array) {
    outgoing.end(typeof body === "string" ? Buffer.from(body) : body);
    return;
  }
  const source =
    body instanceof FileBlob ? body.nodeStream() : Readable.fromWeb(body.stream() as never);
  let loaded = 0;
  source.on("data", (chunk: Buffer) => {
    loaded += chunk.byteLength;
    onProgress?.(loaded);
  });
  // A file that cannot be read fails the attempt like a broken connection.
  source.on("error", (cause) => fail(new APIConnectionError({ cause })));
  outgoing.on("close", () => source.destroy());
  source.pipe(outgoing);
}

/** The byte length of a request body. */
function bodyLength(body: Blob | Uint8Array | string): number {
  if (typeof body === "string") return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.byteLength;
  return body.size;
}

function toHeaders(reply: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(reply.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

async function readText(reply: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of reply) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The reply body as a web stream of about 1 MiB chunks: the network hands over
 * 16–64 KiB at a time, and gathering them means far fewer reads, hash updates
 * and writes downstream. The pieces are gathered in `data` handlers (no promise
 * per piece) and the reply is paused while the consumer has a chunk waiting.
 */
function coalescedStream(reply: IncomingMessage): ReadableStream<Uint8Array> {
  let chunks: Buffer[] = [];
  let bytes = 0;
  let ended = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const flush = () => {
          if (bytes === 0) return;
          controller.enqueue(
            chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, bytes),
          );
          chunks = [];
          bytes = 0;
        };
        reply.on("data", (chunk: Buffer) => {
          // After a cancel (the consumer has all it asked for) nothing more is queued.
          if (ended) return;
          chunks.push(chunk);
          bytes += chunk.byteLength;
          if (bytes < replyChunkSize) return;
          flush();
          if ((controller.desiredSize ?? 0) <= 0) reply.pause();
        });
        reply.once("end", () => {
          if (ended) return;
          ended = true;
          flush();
          controller.close();
        });
        // A connection dropped before the end fails the read, so it can be resumed.
        reply.once("error", (error) => {
          if (ended) return;
          ended = true;
          controller.error(error);
        });
        reply.once("close", () => {
          if (ended) return;
          ended = true;
          controller.error(new Error("The reply was cut off before its end"));
        });
      },
      pull() {
        reply.resume();
      },
      cancel() {
        ended = true;
        reply.destroy();
      },
    },
    { highWaterMark: 1 },
  );
}
