/**
 * The memory download bodies are read into, in chunks of `bodyChunkSize`. A
 * chunk's buffer comes back here once the chunk is written and hashed (the hashing
 * worker transfers it back), so a download of any size cycles through a handful of
 * buffers instead of allocating, zero-filling and garbage-collecting one per MiB.
 */

/** The size of the body chunks handed on: each is one write to disk and one hash update. */
export const bodyChunkSize = 1024 * 1024;
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
