/**
 * The memory download bodies are read into, in chunks of `bodyChunkSize` (1 MiB). A
 * chunk's buffer comes back here once the chunk is written and hashed (the hashing
 * worker transfers it back), so a download of any size cycles through a handful of
 * buffers instead of allocating, zero-filling and garbage-collecting one per MiB.
 */

import { bodyChunkSize } from "@luml/core/internal";

/** Buffers kept for reuse at most: more than a download holds in flight at once. */
const maxFree = 8;
const free: ArrayBuffer[] = [];

/** A buffer for the next body chunk: a returned one when there is one. */
export function takeReplyBuffer(): Uint8Array {
  const reused = free.pop();
  return reused ? new Uint8Array(reused) : new Uint8Array(bodyChunkSize);
}

/** Takes back the buffer of a chunk nothing reads any more (other sizes are left to the GC). */
export function returnReplyBuffer(buffer: ArrayBuffer): void {
  if (buffer.byteLength === bodyChunkSize && free.length < maxFree) free.push(buffer);
}
