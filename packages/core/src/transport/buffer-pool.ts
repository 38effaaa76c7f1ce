/**
 * Reusable buffers of one size, so a download of any size cycles through a handful
 * of them instead of allocating, zero-filling and garbage-collecting one per chunk
 * (memory the garbage collector reclaims late: most of a download's peak RSS).
 * Only buffers the pool issued come back through `give`, so a caller's own buffer
 * (a file reader's, reused for its next read) can never be handed to someone else.
 */
export class BufferPool {
  private readonly free: ArrayBuffer[] = [];
  private readonly issued = new WeakSet<ArrayBuffer>();

  /**
   * @param size - The size of every buffer.
   * @param max - Free buffers kept at most (more than a download holds in flight).
   */
  constructor(
    readonly size: number,
    private readonly max = 8,
  ) {}

  /** A buffer of `size` bytes: a returned one when there is one. */
  take(): Uint8Array {
    const buffer = this.free.pop() ?? new ArrayBuffer(this.size);
    this.issued.add(buffer);
    return new Uint8Array(buffer);
  }

  /** Takes back a buffer this pool issued, once nothing reads it any more. */
  give(buffer: ArrayBufferLike): void {
    if (buffer instanceof ArrayBuffer && this.issued.has(buffer)) this.keep(buffer);
  }

  /**
   * Takes in a buffer that came back from another thread: transferring it detached
   * every view the sender held, so nobody else can read it.
   */
  adopt(buffer: ArrayBuffer): void {
    this.keep(buffer);
  }

  /** Lets go of the free buffers (an idle client holds none). */
  clear(): void {
    this.free.length = 0;
  }

  private keep(buffer: ArrayBuffer): void {
    if (buffer.byteLength !== this.size || this.free.length >= this.max) return;
    if (this.free.includes(buffer)) return;
    this.free.push(buffer);
  }
}
