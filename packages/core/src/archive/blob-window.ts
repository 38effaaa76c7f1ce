/**
 * Random-access reads from a Blob through a sliding window, so that walking the
 * headers of many small tar members costs one `slice` per window rather than
 * one per header, while big members are jumped over without reading them.
 */

/** Default window: enough for dozens of small members per read. */
export const DEFAULT_WINDOW_SIZE = 64 * 1024;

/** The largest window reached while reading through runs of small members. */
export const MAX_WINDOW_SIZE = 1024 * 1024;

/**
 * A blob that can be read at any offset through one open handle (a file on disk):
 * `BlobWindow` opens it once, reads every window through it and closes it,
 * instead of opening the file again for every `slice`. Runtimes implement it under
 * the registered symbol `Symbol.for("@luml/core.openRandomAccess")`.
 */
export interface RandomAccessReader {
  /** Reads into `buffer` the bytes from `position` on; resolves to how many were read (0 only past the end). */
  read(buffer: Uint8Array, position: number): Promise<number>;
  /** Releases the handle; after a complete read it also checks the source is unchanged. */
  close(): Promise<void>;
}

/** The method key of `RandomAccessReader` openers on blobs. */
export const openRandomAccess: unique symbol = Symbol.for("@luml/core.openRandomAccess");

type RandomAccessOpener = { [openRandomAccess]?: () => Promise<RandomAccessReader> };

/** Options of `BlobWindow`. */
export interface BlobWindowOptions {
  /** Bytes fetched per read when the requested range is smaller (the window grows up to {@link MAX_WINDOW_SIZE} while reads are sequential). */
  windowSize?: number;
  /** Checked before every read of the blob. */
  signal?: AbortSignal;
}

/** Reads byte ranges of a Blob, caching the last window read. Call `close` when done. */
export class BlobWindow {
  private readonly blob: Blob;
  private readonly minWindowSize: number;
  private windowSize: number;
  private readonly signal: AbortSignal | undefined;
  private windowStart = 0;
  private window = new Uint8Array(0);
  /** The buffer windows are read into, when reading through a random-access handle. */
  private buffer = new Uint8Array(0);
  private handle: Promise<RandomAccessReader> | undefined;
  /** How many times the blob itself was read (for tests and benchmarks). */
  reads = 0;

  /** Creates a reader over `blob`. */
  constructor(blob: Blob, options: BlobWindowOptions = {}) {
    this.blob = blob;
    this.minWindowSize = options.windowSize ?? DEFAULT_WINDOW_SIZE;
    this.windowSize = this.minWindowSize;
    this.signal = options.signal;
  }

  /** The blob's size in bytes. */
  get size(): number {
    return this.blob.size;
  }

  /**
   * Returns the bytes `[offset, offset + length)`, fewer when the blob ends
   * first. The result may share memory with the window and is valid only until
   * the next read: copy it to keep it.
   */
  async read(offset: number, length: number): Promise<Uint8Array> {
    return this.cached(offset, length) ?? this.readMissing(offset, length);
  }

  /**
   * The bytes `[offset, offset + length)` (fewer at the blob's end) when the
   * current window holds them, without waiting; `undefined` when `read` must fetch.
   */
  cached(offset: number, length: number): Uint8Array | undefined {
    const end = Math.min(offset + length, this.blob.size);
    if (offset >= end) return new Uint8Array(0);
    if (offset < this.windowStart || end > this.windowStart + this.window.length) return undefined;
    return this.window.subarray(offset - this.windowStart, end - this.windowStart);
  }

  /** Closes the file handle, if one was opened; the window can be read again after. */
  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    this.window = new Uint8Array(0);
    this.buffer = this.window;
    // A handle that failed to open has nothing to close; its error was already thrown.
    if (handle !== undefined)
      await handle.then(
        (opened) => opened.close(),
        () => {},
      );
  }

  private async readMissing(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(offset + length, this.blob.size);
    // Reading on through a run of small members grows the window; a jump over a
    // big member shrinks it, so big members are never read.
    const gap = offset - (this.windowStart + this.window.length);
    this.windowSize =
      this.window.length > 0 && gap >= 0 && gap < this.windowSize
        ? Math.min(this.windowSize * 2, Math.max(MAX_WINDOW_SIZE, this.minWindowSize))
        : this.minWindowSize;
    await this.fill(offset, Math.max(end - offset, this.windowSize));
    return this.window.subarray(0, end - offset);
  }

  private async fill(offset: number, length: number): Promise<void> {
    this.signal?.throwIfAborted();
    const end = Math.min(offset + length, this.blob.size);
    const opener = (this.blob as RandomAccessOpener)[openRandomAccess];
    if (typeof opener === "function") {
      this.handle ??= opener.call(this.blob);
      const handle = await this.handle;
      if (this.buffer.length < end - offset) {
        this.buffer = new Uint8Array(Math.max(end - offset, this.windowSize));
      }
      const buffer = this.buffer.subarray(0, end - offset);
      this.window = new Uint8Array(0);
      let filled = 0;
      while (filled < buffer.length) {
        const count = await handle.read(buffer.subarray(filled), offset + filled);
        if (count === 0) break;
        filled += count;
      }
      this.signal?.throwIfAborted();
      this.reads++;
      this.windowStart = offset;
      this.window = buffer.subarray(0, filled);
      return;
    }
    const bytes = await this.blob.slice(offset, end).arrayBuffer();
    this.signal?.throwIfAborted();
    this.reads++;
    this.windowStart = offset;
    this.window = new Uint8Array(bytes);
  }
}
