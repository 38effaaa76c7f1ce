import { BufferPool } from "./buffer-pool";

/**
 * An open file range, as a runtime reads it: core reads the range front to back,
 * one chunk after the other, so a reader may read sequentially (from the range's
 * start) or at `position`, whichever its runtime does best.
 */
export interface FileRangeReader {
  /**
   * Fills all of `chunk` with the range's bytes from file offset `position` (the
   * next unread byte), or rejects (a file found shorter than the range, a failed read).
   */
  readFully(chunk: Uint8Array, position: number): Promise<void>;
  /** Checks the file is still the one the range was taken from; called before its last bytes go out. */
  check(): Promise<void>;
  /** Closes the file. */
  close(): Promise<void> | void;
}

/** Where the memory of a runtime's file chunks comes from and how large they are. */
export interface FileChunkPoolOptions<Chunk extends Uint8Array = Uint8Array> {
  /** Bytes read per step, and the size of every buffer. */
  chunkSize: number;
  /** Free buffers kept for reuse while reads are under way, at most. */
  kept: number;
  /**
   * The chunk handed on for `length` bytes of `buffer` (default a `Uint8Array`;
   * Node gives a `Buffer` view, which its streams write without converting).
   */
  view?(buffer: ArrayBuffer, length: number): Chunk;
}

/**
 * The buffers that file reads for request bodies share: a part's reads take them,
 * the request's writes give them back, and a later part reuses them. Dropped once
 * no read is under way, so an idle client holds none. A runtime keeps one.
 */
export class FileChunkPool<Chunk extends Uint8Array = Uint8Array> {
  readonly chunkSize: number;
  readonly #buffers: BufferPool;
  readonly #view: (buffer: ArrayBuffer, length: number) => Chunk;
  #readers = 0;

  constructor(options: FileChunkPoolOptions<Chunk>) {
    this.chunkSize = options.chunkSize;
    this.#buffers = new BufferPool(options.chunkSize, options.kept);
    this.#view = options.view ?? ((buffer, length) => new Uint8Array(buffer, 0, length) as Chunk);
  }

  /** A chunk of `length` bytes (at most `chunkSize`) in a free buffer, or in a new one. */
  take(length: number): Chunk {
    return this.#view(this.#buffers.take().buffer as ArrayBuffer, length);
  }

  /** Takes back a chunk this pool gave, once nothing uses its memory. */
  give(chunk: Uint8Array): void {
    if (this.#readers > 0) this.#buffers.give(chunk.buffer);
  }

  /** Counts a reader in. */
  open(): void {
    this.#readers += 1;
  }

  /** Counts a reader out; the last one out drops the free buffers. */
  close(): void {
    this.#readers -= 1;
    if (this.#readers === 0) this.#buffers.clear();
  }
}

/**
 * A file range's chunks, read into reused buffers (an `HttpModuleBodyChunks`); see
 * {@link fileRangeChunks}.
 */
export interface FileRangeChunks<Chunk extends Uint8Array = Uint8Array>
  extends AsyncIterable<Chunk> {
  /** Takes back a chunk once it was written, so its memory holds a later chunk. */
  release(chunk: Uint8Array): void;
}

/**
 * Bytes `[start, end)` of a file as chunks of `pool.chunkSize` for a request body
 * ({@link createHttpModuleAttempt}'s `readBody`), read through the reader `open`
 * gives (the runtime's own file access, so core touches no file system). The next
 * chunk is read while the last one is written. Chunks are read into buffers that
 * the writer hands back with `release` once the socket has taken their bytes, and
 * that later reads (of this part or the next) reuse: a part in flight costs two or
 * three chunks whatever its size, and sending a file leaves no garbage behind. (A
 * buffer allocated per read is freed only by the next garbage collection, which
 * starts after tens of MiB of such buffers.) A chunk not released is never reused.
 * The file is checked with `check` before the range's last chunk is handed on, and
 * closed when the iteration ends, early or not.
 *
 * @example
 * ```ts
 * const pool = new FileChunkPool({ chunkSize: 256 * 1024, kept: 16 });
 * const body = fileRangeChunks(() => openMyFile(path), 0, size, pool);
 * ```
 */
export function fileRangeChunks<Chunk extends Uint8Array = Uint8Array>(
  open: () => Promise<FileRangeReader>,
  start: number,
  end: number,
  pool: FileChunkPool<Chunk>,
): FileRangeChunks<Chunk> {
  return {
    release(chunk) {
      pool.give(chunk);
    },
    async *[Symbol.asyncIterator]() {
      if (start >= end) return;
      pool.open();
      let file: FileRangeReader;
      try {
        file = await open();
      } catch (error) {
        pool.close();
        throw error;
      }
      let position = start;
      const readNext = async (): Promise<Chunk> => {
        const from = position;
        const chunk = pool.take(Math.min(pool.chunkSize, end - from));
        position = from + chunk.byteLength;
        await file.readFully(chunk, from);
        // The last bytes go out only once the file is known unchanged.
        if (from + chunk.byteLength === end) await file.check();
        return chunk;
      };
      let next: Promise<Chunk> | undefined = readNext();
      // A read that fails while its chunk is not yet asked for is rethrown when it is.
      next.catch(() => {});
      try {
        while (next) {
          const chunk: Chunk = await next;
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
