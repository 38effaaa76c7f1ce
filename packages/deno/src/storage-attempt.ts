import http from "node:http";
import https from "node:https";
import { createHttpModuleAttempt, type HttpAttempt } from "@luml/core/internal";

/**
 * One storage request on Deno's `node:http`/`node:https`, over kept-alive sockets.
 * Deno's `fetch` sends a streamed body chunked whatever `Content-Length` says, and
 * object storage refuses chunked PUTs; Deno's `node:http` client sends the declared
 * `Content-Length`. So a file-backed body (`DenoFileBlob`, read step by step through
 * `stream()`) goes out from disk with backpressure, progress counts bytes as they
 * leave, and memory stays flat whatever the file size. Timeouts, retries and errors
 * are core's, the same as on every other path.
 */
export function createDenoStorageAttempt(): HttpAttempt {
  return createHttpModuleAttempt({ http, https });
}
