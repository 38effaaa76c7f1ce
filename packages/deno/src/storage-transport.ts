import http from "node:http";
import https from "node:https";
import {
  createHttpModuleStorageAttempt,
  type Platform,
  retryStorageRequest,
  type StorageSettings,
} from "@luml/core";

/** Core's transport, as a platform's `storageTransport` receives it. */
type Transport = Parameters<NonNullable<Platform["storageTransport"]>>[0];

/**
 * One storage request on Deno's `node:http`/`node:https`, over kept-alive sockets.
 * `DenoFileBlob` is Blob-shaped, so its `stream()` reads the file step by step.
 */
const storageAttempt = createHttpModuleStorageAttempt({ http, https });

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
