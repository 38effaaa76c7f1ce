import { createHash } from "node:crypto";
import type { Sha256 } from "@luml/core";
import { replyBuffers } from "./reply-buffers";
import { createWorkerSha256 } from "./worker-sha256";

/** Inputs of at least this many bytes are hashed on a worker thread (in Node). */
const workerThreshold = 16 * 1024 * 1024;

/**
 * An incremental sha256 on node:crypto (native, uses the CPU's SHA extensions).
 * Given a `size` of 16 MiB or more it runs on a worker thread in Node, so a
 * download's hash overlaps with receiving and writing the bytes; smaller inputs,
 * Bun and a process that cannot start threads hash on the calling thread.
 */
export function createSha256(options: { size?: number } = {}): Sha256 {
  const large = (options.size ?? 0) >= workerThreshold;
  if (large && !(globalThis as { Bun?: unknown }).Bun) {
    const threaded = createWorkerSha256();
    if (threaded) return threaded;
  }
  return createLocalSha256();
}

/**
 * A sha256 on the calling thread: `update` returns once the bytes are hashed, and
 * a download chunk's buffer then goes back to the reply buffers (only buffers they
 * issued are taken back).
 */
export function createLocalSha256(): Sha256 & { update(chunk: Uint8Array): void } {
  const hash = createHash("sha256");
  return {
    update(chunk) {
      hash.update(chunk);
      replyBuffers.give(chunk.buffer);
    },
    async digest() {
      return hash.digest("hex");
    },
  };
}
