import { CheckedFile } from "./checked-file";
/**
 * Bytes read per step: small enough that the chunks a part holds (one being
 * written, one handed over, one being read) cost little, large enough that reads
 * and writes stay few. Uploads are as fast as with 1 MiB steps.
 */
export const chunkSize = 256 * 1024;

import type { FileSnapshot } from "./file-snapshot";

/**
 * Buffers kept for reuse across the reads under way: for each part in flight one
 * being written, one handed over and one being read, at the default 4 parts in
 * flight, with room to spare (4 MiB at most).
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
export interface FileRangeChunks extends AsyncIterable<Buffer> {
  /** Takes back a chunk once it was written, so its memory holds a later chunk. */
  release(chunk: Uint8Array): void;
}

/**
 * Bytes `[start, end)` of the file at `path` as 256 KiB chunks for a request body,
 * held to `snapshot` like {@link FileRangeStream} (a changed file fails the
 * iteration with a `FileError` of code `changed`, before the range's last bytes).
 * The next chunk is read while the last one is written. Chunks are read into
 * buffers that the writer hands back with `release` once the socket has taken
 * their bytes, and that later reads (of this part or the next) reuse: a part in
 * flight costs under 1 MiB whatever its size, and sending a file leaves no
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
        file = await CheckedFile.open(path, snapshot);
      } catch (error) {
        pool.close();
        throw error;
      }
      let position = start;
      const readNext = async (): Promise<Buffer> => {
        const from = position;
        const length = Math.min(chunkSize, end - from);
        position += length;
        const chunk = Buffer.from(pool.take(), 0, length);
        let filled = 0;
        while (filled < length) {
          filled += await file.read(chunk.subarray(filled), from + filled, end);
        }
        // The last bytes go out only once the file is known unchanged.
        if (from + length === end) await file.check();
        return chunk;
      };
      let next: Promise<Buffer> | undefined = readNext();
      // A read that fails while its chunk is not yet asked for is rethrown when it is.
      next.catch(() => {});
      try {
        while (next) {
          const chunk: Buffer = await next;
          next = position < end ? readNext() : undefined;
          next?.catch(() => {});
          yield chunk;
        }
      } finally {
        // An early stop waits for the read under way before the file is closed.
        await next?.catch(() => {});
        await file.close();
        pool.close();
      }
    },
  };
}
