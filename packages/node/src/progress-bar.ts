import type { ProgressCallback, ProgressEvent } from "@luml/core";

/** Options of `progressBar`. */
export interface ProgressBarOptions {
  /** Where to draw. Default `process.stderr`. */
  stream?: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Bar width in characters. Default 30. */
  width?: number;
  /**
   * Lines printed per phase when the stream is not a terminal (logs, CI), at
   * evenly spaced percentages. Default 4 (25 %, 50 %, 75 %, 100 %).
   */
  lines?: number;
  /** Minimum milliseconds between redraws on a terminal. Default 100. */
  interval?: number;
}

const mebibyte = 1024 * 1024;

/**
 * A progress callback that draws a bar on the terminal: phase, percentage,
 * MiB/s and time left. On a TTY it redraws one line in place; otherwise it prints
 * a few lines per phase so logs stay short.
 *
 * @example
 * await luml.artifacts.upload("model.fnnx", { onProgress: progressBar() });
 */
export function progressBar(options: ProgressBarOptions = {}): ProgressCallback {
  const stream = options.stream ?? process.stderr;
  const width = options.width ?? 30;
  const interval = options.interval ?? 100;
  const lines = Math.max(1, options.lines ?? 4);
  const isTerminal = "isTTY" in stream && stream.isTTY === true;
  let phase: ProgressEvent["phase"] | undefined;
  let startedAt = 0;
  // The first event of a phase always draws, however soon after start-up it comes.
  let lastDrawAt = Number.NEGATIVE_INFINITY;
  let nextLineStep = 1;

  return (event) => {
    const now = performance.now();
    if (event.phase !== phase) {
      if (phase !== undefined && isTerminal) stream.write("\n");
      phase = event.phase;
      startedAt = now;
      lastDrawAt = Number.NEGATIVE_INFINITY;
      nextLineStep = 1;
    }
    const done = event.loaded >= event.total;
    if (isTerminal) {
      if (!done && now - lastDrawAt < interval) return;
      lastDrawAt = now;
      stream.write(`\r${formatLine(event, now - startedAt, width)}\x1b[K${done ? "\n" : ""}`);
      if (done) phase = undefined;
      return;
    }
    const fraction = event.total === 0 ? 1 : event.loaded / event.total;
    if (fraction * lines < nextLineStep && !done) return;
    nextLineStep = Math.floor(fraction * lines) + 1;
    stream.write(`${formatLine(event, now - startedAt, width)}\n`);
    if (done) phase = undefined;
  };
}

/** `uploading   [=====>     ]  42%  118.3 MiB/s  ETA 3s` */
export function formatLine(event: ProgressEvent, elapsedMs: number, width: number): string {
  const fraction = event.total === 0 ? 1 : Math.min(1, event.loaded / event.total);
  const filled = Math.round(fraction * width);
  const bar =
    "=".repeat(filled) + (filled < width ? ">" : "") + " ".repeat(Math.max(0, width - filled - 1));
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? event.loaded / mebibyte / seconds : 0;
  const remaining = rate > 0 ? (event.total - event.loaded) / mebibyte / rate : Number.NaN;
  const eta = fraction >= 1 ? `in ${formatDuration(seconds)}` : `ETA ${formatDuration(remaining)}`;
  return `${event.phase.padEnd(11)} [${bar}] ${percent}  ${rate.toFixed(1).padStart(7)} MiB/s  ${eta}`;
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--";
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.floor(seconds % 60)).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}
