import { BufferPool, bodyChunkSize } from "@luml/core/internal";

/**
 * The memory download bodies are read into, in 1 MiB chunks; a chunk's buffer
 * comes back once it is written and hashed, so a download of any size cycles
 * through a handful of buffers.
 */
export const replyBuffers: BufferPool = new BufferPool(bodyChunkSize);
