import http from "node:http";
import https from "node:https";
import { createHttpModuleAttempt, type HttpAttempt } from "@luml/core/internal";
import { FileBlob } from "./file-blob";
import { fileRangeChunks } from "./file-range-chunks";

/**
 * One storage request on `node:http`/`node:https`, over kept-alive sockets, for
 * Node. `fetch` (undici) holds a streamed request body in memory far ahead of the
 * socket, so each multipart part in flight cost its whole size; here a file part is
 * read straight from disk in 256 KiB steps into a few reused buffers and written
 * with backpressure, so memory stays flat whatever the file size. Timeouts, retries
 * and errors are core's, the same as on every other path. Bun's `node:http` client
 * reports a chunk written before it is sent (so its buffer cannot be reused) and
 * sends through its `fetch` anyway, so there the attempt is left to core (`undefined`).
 */
export function createNodeStorageAttempt(): HttpAttempt | undefined {
  if ((globalThis as { Bun?: unknown }).Bun) return undefined;
  return createHttpModuleAttempt({
    http,
    https,
    readBody: (body) =>
      body instanceof FileBlob
        ? fileRangeChunks(body.path, body.start, body.end, body.snapshot)
        : undefined,
  });
}
