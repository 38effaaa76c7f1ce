import http from "node:http";
import https from "node:https";
import {
  createHttpModuleAttempt,
  type HttpAttempt,
  type HttpAttemptRequest,
} from "@luml/core/internal";
import { FileBlob } from "./file-blob";
import { fileRangeChunks } from "./file-range-chunks";
import { takeReplyBuffer } from "./reply-buffers";
import { socketGet } from "./socket-get";

/**
 * One storage request on `node:http`/`node:https`, over kept-alive sockets, for
 * Node. `fetch` (undici) holds a streamed request body in memory far ahead of the
 * socket, so each multipart part in flight cost its whole size; here a file part is
 * read straight from disk in 256 KiB steps into a few reused buffers and written
 * with backpressure, so memory stays flat whatever the file size. Timeouts, retries
 * and errors are core's, the same as on every other path. Downloads (GETs) go
 * through `socketGet`, which reads the body straight into reused 1 MiB chunks. Bun's `node:http` client
 * reports a chunk written before it is sent (so its buffer cannot be reused) and
 * sends through its `fetch` anyway, so there the attempt is left to core (`undefined`).
 */
export function createNodeStorageAttempt(): HttpAttempt | undefined {
  if ((globalThis as { Bun?: unknown }).Bun) return undefined;
  const httpAttempt = createHttpModuleAttempt({
    http,
    https,
    readBody: (body) =>
      body instanceof FileBlob
        ? fileRangeChunks(body.path, body.start, body.end, body.snapshot)
        : undefined,
  });
  return (request) =>
    readsStraight(request) ? socketGet(request, takeReplyBuffer) : httpAttempt(request);
}

/**
 * Whether a request is a download that `socketGet` reads straight into its chunks:
 * a GET, unless Node is told to route requests through a proxy (which only
 * `node:http` honours).
 */
function readsStraight(request: HttpAttemptRequest): boolean {
  return request.method === "GET" && request.body === undefined && !process.env.NODE_USE_ENV_PROXY;
}
