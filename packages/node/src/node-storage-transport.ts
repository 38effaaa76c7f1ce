import http from "node:http";
import https from "node:https";
import { createHttpModuleStorageAttempt, type Platform, retryStorageRequest } from "@luml/core";
import { FileBlob } from "./file-blob";

/** Core's transport, as a platform's `storageTransport` receives it. */
type Transport = Parameters<NonNullable<Platform["storageTransport"]>>[0];
/** The client options a storage transport honours. */
type StorageSettings = NonNullable<Parameters<NonNullable<Platform["storageTransport"]>>[1]>;

/**
 * One storage request on `node:http`/`node:https`, over kept-alive sockets. A file
 * part is read straight from disk in 1 MiB steps, without a web-stream round trip.
 */
const storageAttempt = createHttpModuleStorageAttempt({
  http,
  https,
  readBody: (body) => (body instanceof FileBlob ? body.nodeStream() : undefined),
});

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
