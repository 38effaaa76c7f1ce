import { CheckedFile } from "./checked-file.ts";
import type { FileSnapshot } from "./file-snapshot.ts";

/**
 * Bytes read per step: upload progress is reported per chunk written, and 64 KiB
 * steps report it as finely as core does for any other body.
 */
export const chunkSize = 64 * 1024;

/**
 * Buffers kept for reuse across the reads under way: for each part in flight one
 * being written, one handed over and one being read, at the default 4 parts in
 * flight, with room to spare (1 MiB at most).
 */
const keptBuffers = 16;

/**
 * The buffers that file reads for request bodies share: a part's reads take them,
 * the request's writes give them back, and a later part reuses them. Dropped once
 * no read is under way, so an idle client holds none.
 */
class ChunkPool {
  #free: ArrayBuffer[] = [];
  #readers = 0;

  /** A free buffer of `chunkSize` bytes, or a new one. */
  take(): ArrayBuffer {
    return this.#free.pop() ?? new ArrayBuffer(chunkSize);
  }

  /** Takes back a buffer no longer in use. */
  give(buffer: ArrayBuffer): void {
    if (this.#readers === 0 || this.#free.length >= keptBuffers) return;
    if (!this.#free.includes(buffer)) this.#free.push(buffer);
  }

  /** Counts a reader in. */
  open(): void {
    this.#readers += 1;
  }

  /** Counts a reader out; the last one out drops the free buffers. */
  close(): void {
    this.#readers -= 1;
    if (this.#readers === 0) this.#free = [];
  }
}

const pool = new ChunkPool();

/** A file range's chunks, read into reused buffers; see {@link fileRangeChunks}. */
export interface FileRangeChunks extends AsyncIterable<Uint8Array> {
  /** Takes back a chunk once it was written, so its memory holds a later chunk. */
  release(chunk: Uint8Array): void;
}

/**
 * Bytes `[start, end)` of the file at `path` as 64 KiB chunks for a request body,
 * held to `snapshot` like `DenoFileBlob.stream()` (a changed file fails the
 * iteration with a `FileError` of code `changed`, before the range's last bytes).
 * The next chunk is read while the last one is written. Chunks are read into
 * buffers that the writer hands back with `release` once the socket has taken
 * their bytes, and that later reads (of this part or the next) reuse: a part in
 * flight costs under 256 KiB whatever its size, and sending a file leaves no
 * garbage behind. (A buffer allocated per read is freed only by the next garbage
 * collection, which V8 starts after tens of MiB of such buffers: that garbage was
 * most of an upload's memory.) A chunk not released is never reused.
 */
export function fileRangeChunks(
  path: string,
  start: number,
  end: number,
  snapshot: FileSnapshot | undefined,
): FileRangeChunks {
  return {
    release(chunk) {
      const buffer = chunk.buffer;
      if (buffer instanceof ArrayBuffer && buffer.byteLength === chunkSize) pool.give(buffer);
    },
    async *[Symbol.asyncIterator]() {
      if (start >= end) return;
      pool.open();
      let file: CheckedFile;
      try {
        file = await CheckedFile.open(path, snapshot, start);
      } catch (error) {
        pool.close();
        throw error;
      }
      let position = start;
      const readNext = async (): Promise<Uint8Array> => {
        const length = Math.min(chunkSize, end - position);
        position += length;
        const chunk = new Uint8Array(pool.take(), 0, length);
        await file.readFully(chunk, end);
        // The last bytes go out only once the file is known unchanged.
        if (position === end) await file.check();
        return chunk;
      };
      let next: Promise<Uint8Array> | undefined = readNext();
      // A read that fails while its chunk is not yet asked for is rethrown when it is.
      next.catch(() => {});
      try {
        while (next) {
          const chunk: Uint8Array = await next;
          next = position < end ? readNext() : undefined;
          next?.catch(() => {});
          yield chunk;
        }
      } finally {
        // An early stop waits for the read under way before the file is closed.
        await next?.catch(() => {});
        file.close();
        pool.close();
      }
    },
  };
}
