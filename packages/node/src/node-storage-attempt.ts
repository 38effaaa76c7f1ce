import {
  createFetchAttempt,
  createHttpModuleAttempt,
  type HttpAttempt,
  socketGet,
} from "@luml/core/internal";
import { type BunCollector, collectingInBun } from "./bun-collection";
import { FileBlob } from "./file-blob";
import { fileRangeChunks } from "./file-range-chunks";
import { http, https, net, tls } from "./network-modules";
import { replyBuffers } from "./reply-buffers";

/**
 * One storage request on `node:http`/`node:https`, over kept-alive sockets, for
 * Node. `fetch` (undici) holds a streamed request body in memory far ahead of the
 * socket, so each multipart part in flight cost its whole size; here a file part is
 * read straight from disk in 256 KiB steps into a few reused buffers and written
 * with backpressure, so memory stays flat whatever the file size. Timeouts, retries
 * and errors are core's, the same as on every other path. Downloads (GETs) go
 * through core's `socketGet` on `node:net`/`node:tls`, which reads the body straight
 * into 1 MiB chunks that the hashing worker hands back for reuse. Bun's `node:http`
 * client reports a chunk written before it is sent (so its buffer cannot be reused),
 * so Bun sends through its `fetch` and reads downloads with `socketGet` too.
 */
export function createNodeStorageAttempt(): HttpAttempt {
  const sockets = { net, tls, takeBuffer: () => replyBuffers.take() };
  const bun = (globalThis as { Bun?: BunCollector }).Bun;
  if (bun) {
    sockets.takeBuffer = collectingInBun(sockets.takeBuffer, bun);
    const fetchAttempt = createFetchAttempt((input, init) => globalThis.fetch(input, init));
    // Bun's fetch honours HTTP(S)_PROXY; with one set, downloads go through it too.
    const proxied = ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"].some(
      (name) => process.env[name],
    );
    return (request) =>
      !proxied && request.method === "GET" && request.body === undefined
        ? socketGet(request, sockets)
        : fetchAttempt(request);
  }
  return createHttpModuleAttempt({
    http,
    https,
    // A process told to use a proxy (which only node:http honours) keeps downloads on it.
    ...(process.env.NODE_USE_ENV_PROXY ? {} : { sockets: { net, tls } }),
    takeReplyBuffer: sockets.takeBuffer,
    readBody: (body) =>
      body instanceof FileBlob
        ? fileRangeChunks(body.path, body.start, body.end, body.snapshot)
        : undefined,
  });
}
