/**
 * Progress display shared by the runtime packages: the terminal bar of `@luml/node`
 * and `@luml/deno` (each supplies only where it writes and whether that is a
 * terminal) and the status text of `@luml/browser`'s page helper.
 */
import type { ProgressCallback, ProgressEvent } from "../platform";

const mebibyte = 1024 * 1024;

/** How far a phase is, from 0 to 1; an empty file is complete at once. */
export function progressFraction(event: ProgressEvent): number {
  if (event.total <= 0) return 1;
  return Math.min(1, Math.max(0, event.loaded / event.total));
}

/** `uploading   [=====>     ]  42%  118.3 MiB/s  ETA 3s` */
export function formatProgressLine(event: ProgressEvent, elapsedMs: number, width: number): string {
  const fraction = progressFraction(event);
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

/** `230ms`, `5s`, `2m05s`, `1h03m`; `--` when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--";
  // A phase of a small file takes a fraction of a second: "in 1s" would overstate it.
  const milliseconds = Math.round(seconds * 1000);
  if (milliseconds < 1000) return `${milliseconds}ms`;
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.floor(seconds % 60)).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

/** `3145728` → `3.0 MiB`. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

const phaseNames: Record<ProgressEvent["phase"], string> = {
  hashing: "Hashing",
  uploading: "Uploading",
  downloading: "Downloading",
};

/**
 * One sentence for people: `Uploading: 42% (12.0 MiB of 28.6 MiB)`, or
 * `Uploading: done (28.6 MiB)` at the end of the phase.
 */
export function formatProgressText(event: ProgressEvent): string {
  const fraction = progressFraction(event);
  const phase = phaseNames[event.phase] ?? event.phase;
  if (fraction >= 1) return `${phase}: done (${formatBytes(event.total)})`;
  return `${phase}: ${Math.floor(fraction * 100)}% (${formatBytes(event.loaded)} of ${formatBytes(event.total)})`;
}

/** Where a terminal progress bar draws. */
export interface ProgressOutput {
  /** Writes text as it is (no newline added). */
  write(text: string): void;
  /**
   * Whether the output is an interactive terminal that understands `\r` and
   * `ESC[K`: the bar then redraws one line in place; otherwise it prints whole lines.
   */
  isTerminal: boolean;
}

/** Settings of a terminal progress bar, shared by every runtime's `progressBar`. */
export interface ProgressBarSettings {
  /** Bar width in characters. Default 30. */
  width?: number;
  /**
   * Lines printed per phase when the output is not a terminal (logs, CI), at
   * evenly spaced percentages. Default 4 (25 %, 50 %, 75 %, 100 %).
   */
  lines?: number;
  /** Minimum milliseconds between redraws on a terminal. Default 100. */
  interval?: number;
}

/**
 * A progress callback that draws a bar on `output`: phase, percentage, MiB/s and
 * time left. On a terminal it redraws one line in place (at most every `interval`
 * ms, the end of a phase always); otherwise it prints `lines` lines per phase.
 */
export function createProgressBar(
  output: ProgressOutput,
  settings: ProgressBarSettings = {},
  now: () => number = () => performance.now(),
): ProgressCallback {
  const width = settings.width ?? 30;
  const interval = settings.interval ?? 100;
  const lines = Math.max(1, settings.lines ?? 4);
  let phase: ProgressEvent["phase"] | undefined;
  let startedAt = 0;
  // The first event of a phase always draws, however soon after start-up it comes.
  let lastDrawAt = Number.NEGATIVE_INFINITY;
  let nextLineStep = 1;

  return (event) => {
    const time = now();
    if (event.phase !== phase) {
      if (phase !== undefined && output.isTerminal) output.write("\n");
      phase = event.phase;
      startedAt = time;
      lastDrawAt = Number.NEGATIVE_INFINITY;
      nextLineStep = 1;
    }
    const done = event.loaded >= event.total;
    if (output.isTerminal) {
      if (!done && time - lastDrawAt < interval) return;
      lastDrawAt = time;
      output.write(
        `\r${formatProgressLine(event, time - startedAt, width)}\x1b[K${done ? "\n" : ""}`,
      );
      if (done) phase = undefined;
      return;
    }
    const fraction = progressFraction(event);
    if (fraction * lines < nextLineStep && !done) return;
    nextLineStep = Math.floor(fraction * lines) + 1;
    output.write(`${formatProgressLine(event, time - startedAt, width)}\n`);
    if (done) phase = undefined;
  };
}
