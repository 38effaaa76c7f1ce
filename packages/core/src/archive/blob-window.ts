/**
 * Random-access reads from a Blob through a sliding window, so that walking the
 * headers of many small tar members costs one `slice` per window rather than
 * one per header, while big members are jumped over without reading them.
 */

/** Default window: enough for dozens of small members per read. */
export const DEFAULT_WINDOW_SIZE = 64 * 1024;

/** Options of `BlobWindow`. */
export interface BlobWindowOptions {
  /** Bytes fetched per read when the requested range is smaller. */
  windowSize?: number;
  /** Checked before every read of the blob. */
  signal?: AbortSignal;
}

/** Reads byte ranges of a Blob, caching the last window read. */
export class BlobWindow {
  private readonly blob: Blob;
  private readonly windowSize: number;
  private readonly signal: AbortSignal | undefined;
  private windowStart = 0;
  private window = new Uint8Array(0);
  /** How many times the blob itself was read (for tests and benchmarks). */
  reads = 0;

  /** Creates a reader over `blob`. */
  constructor(blob: Blob, options: BlobWindowOptions = {}) {
    this.blob = blob;
    this.windowSize = options.windowSize ?? DEFAULT_WINDOW_SIZE;
    this.signal = options.signal;
  }

  /** The blob's size in bytes. */
  get size(): number {
    return this.blob.size;
  }

  /**
   * Returns the bytes `[offset, offset + length)`, fewer when the blob ends
   * first. The result may share memory with the window: copy it to keep it.
   */
  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(offset + length, this.blob.size);
    if (offset >= end) return new Uint8Array(0);
    const windowEnd = this.windowStart + this.window.length;
    if (offset < this.windowStart || end > windowEnd) {
      await this.fill(offset, Math.max(end - offset, this.windowSize));
    }
    return this.window.subarray(offset - this.windowStart, end - this.windowStart);
  }

  private async fill(offset: number, length: number): Promise<void> {
    this.signal?.throwIfAborted();
    const end = Math.min(offset + length, this.blob.size);
    const buffer = await this.blob.slice(offset, end).arrayBuffer();
    this.signal?.throwIfAborted();
    this.reads++;
    this.windowStart = offset;
    this.window = new Uint8Array(buffer);
  }
}
