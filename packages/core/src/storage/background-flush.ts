/** Written bytes after which the data written so far is flushed to disk in the background. */
const flushInterval = 64 * 1024 * 1024;

/**
 * Flushes a file's written data to disk while a download goes on (one flush at a
 * time), so the flush that must come before the atomic rename finds a few MiB left
 * to write instead of the whole file: a multi-GB download does not stall for
 * seconds at its end. The runtime's file sink passes its `fdatasync`.
 */
export class BackgroundFlush {
  private unflushed = 0;
  private running: Promise<void> | undefined;

  constructor(private readonly flush: () => Promise<void>) {}

  /** Counts written bytes; starts a flush once enough have gathered and none is running. */
  wrote(bytes: number): void {
    this.unflushed += bytes;
    if (this.unflushed < flushInterval || this.running) return;
    this.unflushed = 0;
    // Best effort: a failure here resurfaces in the final flush before the rename.
    this.running = this.flush()
      .catch(() => {})
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Waits for a running flush. */
  async settle(): Promise<void> {
    await this.running;
  }
}
