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

/** A window being read ahead: where it starts, and its bytes once read. */
interface AheadWindow {
  start: number;
  end: number;
  bytes: Promise<Uint8Array>;
}

/**
 * Reads byte ranges of a Blob, caching the last window read. Call `close` when done.
 *
 * While reads go forward through a run of small members, the next window is read
 * while the current one is parsed, so the walk does not wait on the file between
 * windows.
 */
export class BlobWindow {
  private readonly blob: Blob;
  private readonly minWindowSize: number;
  private windowSize: number;
  private readonly signal: AbortSignal | undefined;
  private windowStart = 0;
  private window: Uint8Array = new Uint8Array(0);
  /** The buffer windows are read into, when reading through a random-access handle. */
  private buffer: Uint8Array = new Uint8Array(0);
  /** The buffer the window ahead is read into; swapped with `buffer` when it is used. */
  private spare: Uint8Array = new Uint8Array(0);
  private ahead: AheadWindow | undefined;
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
    // A read still under way finishes before its handle is closed.
    await this.ahead?.bytes.catch(() => {});
    this.ahead = undefined;
    const handle = this.handle;
    this.handle = undefined;
    this.window = new Uint8Array(0);
    this.buffer = this.window;
    this.spare = this.window;
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
    const sequential = this.window.length > 0 && gap >= 0 && gap < this.windowSize;
    this.windowSize = sequential
      ? Math.min(this.windowSize * 2, Math.max(MAX_WINDOW_SIZE, this.minWindowSize))
      : this.minWindowSize;
    const ahead = this.ahead;
    this.ahead = undefined;
    if (ahead !== undefined && offset >= ahead.start && offset < ahead.end) {
      const bytes = await ahead.bytes;
      [this.buffer, this.spare] = [this.spare, this.buffer];
      this.windowStart = ahead.start;
      this.window = bytes;
    } else {
      // Not needed, but its read must end before its buffer is read into again.
      await ahead?.bytes.catch(() => {});
    }
    if (this.cached(offset, end - offset) === undefined) {
      this.window = new Uint8Array(0);
      this.window = await this.readRange(offset, Math.max(end - offset, this.windowSize), "buffer");
      this.windowStart = offset;
    }
    if (sequential) this.readAhead();
    return this.window.subarray(offset - this.windowStart, end - this.windowStart);
  }

  /** Starts reading the window after the current one, sized as the next sequential window. */
  private readAhead(): void {
    const start = this.windowStart + this.window.length;
    if (this.window.length < this.windowSize || start >= this.blob.size) return;
    const size = Math.min(this.windowSize * 2, Math.max(MAX_WINDOW_SIZE, this.minWindowSize));
    const bytes = this.readRange(start, size, "spare");
    // Awaited when used or dropped; until then a failure must not be reported as unhandled.
    bytes.catch(() => {});
    this.ahead = { start, end: start + size, bytes };
  }

  /** Reads `[offset, offset + length)` (fewer at the end) into `buffer` or `spare`. */
  private async readRange(
    offset: number,
    length: number,
    into: "buffer" | "spare",
  ): Promise<Uint8Array> {
    this.signal?.throwIfAborted();
    const end = Math.min(offset + length, this.blob.size);
    const opener = (this.blob as RandomAccessOpener)[openRandomAccess];
    this.reads++;
    if (typeof opener === "function") {
      this.handle ??= opener.call(this.blob);
      const handle = await this.handle;
      if (this[into].length < end - offset) {
        this[into] = new Uint8Array(Math.max(end - offset, this.windowSize));
      }
      const buffer = this[into].subarray(0, end - offset);
      let filled = 0;
      while (filled < buffer.length) {
        const count = await handle.read(buffer.subarray(filled), offset + filled);
        if (count === 0) break;
        filled += count;
      }
      this.signal?.throwIfAborted();
      return buffer.subarray(0, filled);
    }
    const bytes = await this.blob.slice(offset, end).arrayBuffer();
    this.signal?.throwIfAborted();
    return new Uint8Array(bytes);
  }
}
