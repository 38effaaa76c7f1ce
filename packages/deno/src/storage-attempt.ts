import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import { createHttpModuleAttempt, type HttpAttempt } from "@luml/core/internal";
import { byteRangeOf, DenoFileBlob } from "./deno-file-blob.ts";
import { fileRangeChunks } from "./file-range-chunks.ts";
import { replyBuffers } from "./reply-buffers.ts";

/**
 * One storage request on Deno's `node:http`/`node:https`, over kept-alive sockets.
 * Deno's `fetch` sends a streamed body chunked whatever `Content-Length` says, and
 * object storage refuses chunked PUTs; Deno's `node:http` client sends the declared
 * `Content-Length`. So a file-backed body (`DenoFileBlob`, read in 64 KiB steps into
 * a few reused buffers) goes out from disk with backpressure, progress counts bytes
 * as they leave, and memory stays flat whatever the file size. A download's body is
 * read by core's `socketGet` straight into 1 MiB chunks (no buffer per read for the
 * garbage collector to catch up with). Timeouts, retries and errors are core's, the
 * same as on every other path.
 */
export function createDenoStorageAttempt(): HttpAttempt {
  return createHttpModuleAttempt({
    http,
    https,
    // Downloads (GETs) read straight into 1 MiB chunks on Deno's node:net/node:tls.
    sockets: { net, tls },
    takeReplyBuffer: () => replyBuffers.take(),
    readBody: (body) => {
      if (!((body as unknown) instanceof DenoFileBlob)) return undefined;
      const file = body as unknown as DenoFileBlob;
      const { start, end } = byteRangeOf(file);
      return fileRangeChunks(file.path, start, end, file.snapshot);
    },
  });
}
