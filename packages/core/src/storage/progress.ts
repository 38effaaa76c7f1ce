import type { ProgressCallback, ProgressEvent } from "../platform";

/**
 * Reports one phase's progress so that `loaded` never decreases and the last
 * report is exactly `total`, whatever order or repetition the sources report in.
 */
export class PhaseProgress {
  private reported = -1;

  /**
   * @param phase The phase every event carries.
   * @param total The byte count the phase ends at.
   * @param onProgress The user's callback; nothing is reported without one.
   */
  constructor(
    readonly phase: ProgressEvent["phase"],
    readonly total: number,
    private readonly onProgress?: ProgressCallback,
  ) {}

  /** Reports `loaded` bytes (clamped to `[0, total]`) unless it would go backwards. */
  report(loaded: number): void {
    if (!this.onProgress) return;
    const clamped = Math.min(Math.max(loaded, 0), this.total);
    if (clamped <= this.reported) return;
    this.reported = clamped;
    this.onProgress({ phase: this.phase, loaded: clamped, total: this.total });
  }

  /** Reports the phase as complete. */
  finish(): void {
    if (!this.onProgress) return;
    if (this.reported === this.total) return;
    this.reported = this.total;
    this.onProgress({ phase: this.phase, loaded: this.total, total: this.total });
  }
}

/**
 * Sums the progress of parts sent in parallel. Each part counts the most bytes it
 * ever reported, so a retried part (which restarts from zero) does not make the
 * total go backwards.
 */
export class PartsProgress {
  private readonly loadedByPart = new Map<number, number>();
  private sum = 0;

  /** @param progress The phase the parts' bytes add up to. */
  constructor(private readonly progress: PhaseProgress) {}

  /** Records that part `key` has sent `loaded` of its bytes. */
  update(key: number, loaded: number): void {
    const previous = this.loadedByPart.get(key) ?? 0;
    if (loaded <= previous) return;
    this.loadedByPart.set(key, loaded);
    this.sum += loaded - previous;
    this.progress.report(this.sum);
  }
}
