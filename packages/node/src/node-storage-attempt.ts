import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import { createHttpModuleAttempt, type HttpAttempt } from "@luml/core/internal";
import { FileBlob } from "./file-blob";
import { fileRangeChunks } from "./file-range-chunks";
import { takeReplyBuffer } from "./reply-buffers";

/**
 * One storage request on `node:http`/`node:https`, over kept-alive sockets, for
 * Node. `fetch` (undici) holds a streamed request body in memory far ahead of the
 * socket, so each multipart part in flight cost its whole size; here a file part is
 * read straight from disk in 256 KiB steps into a few reused buffers and written
 * with backpressure, so memory stays flat whatever the file size. Timeouts, retries
 * and errors are core's, the same as on every other path. Downloads (GETs) go
 * through core's `socketGet` on `node:net`/`node:tls`, which reads the body straight
 * into 1 MiB chunks that the hashing worker hands back for reuse. Bun's `node:http` client
 * reports a chunk written before it is sent (so its buffer cannot be reused) and
 * sends through its `fetch` anyway, so there the attempt is left to core (`undefined`).
 */
export function createNodeStorageAttempt(): HttpAttempt | undefined {
  if ((globalThis as { Bun?: unknown }).Bun) return undefined;
  return createHttpModuleAttempt({
    http,
    https,
    // Downloads read straight into reused 1 MiB chunks; a process told to use a
    // proxy (which only node:http honours) keeps them on node:http.
    ...(process.env.NODE_USE_ENV_PROXY ? {} : { sockets: { net, tls } }),
    takeReplyBuffer,
    readBody: (body) =>
      body instanceof FileBlob
        ? fileRangeChunks(body.path, body.start, body.end, body.snapshot)
        : undefined,
  });
}
