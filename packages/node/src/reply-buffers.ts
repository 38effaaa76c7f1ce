import { BufferPool, bodyChunkSize } from "@luml/core/internal";

/**
 * The memory download bodies are read into, in 1 MiB chunks. A chunk's buffer
 * comes back once the chunk is written and hashed (the hashing worker transfers it
 * back; a hash on this thread gives it back after `update`), so a download of any
 * size cycles through a handful of buffers.
 */
export const replyBuffers = new BufferPool(bodyChunkSize);
