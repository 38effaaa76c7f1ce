import type { ProgressCallback } from "@luml/core";
import { createProgressBar } from "@luml/core/internal";

/** Options of `progressBar`. */
export interface ProgressBarOptions {
  /** Where to draw. Default `process.stderr`. */
  stream?: NodeJS.WriteStream | NodeJS.WritableStream | undefined;
  /** Bar width in characters. Default 30. */
  width?: number | undefined;
  /**
   * Lines printed per phase when the stream is not a terminal (logs, CI), at
   * evenly spaced percentages. Default 4 (25 %, 50 %, 75 %, 100 %).
   */
  lines?: number | undefined;
  /** Minimum milliseconds between redraws on a terminal. Default 100. */
  interval?: number | undefined;
}

/**
 * A progress callback that draws a bar on the terminal: phase, percentage,
 * MiB/s and time left. On a TTY it redraws one line in place; otherwise (a pipe,
 * a log file, CI, or `TERM=dumb`) it prints a few lines per phase so logs stay
 * short. It uses no colours, so `NO_COLOR` changes nothing.
 *
 * @example
 * await luml.artifacts.upload("model.fnnx", { onProgress: progressBar() });
 */
export function progressBar(options: ProgressBarOptions = {}): ProgressCallback {
  const stream = options.stream ?? process.stderr;
  // A terminal redraws one line in place, unless it cannot (`TERM=dumb`).
  const isTerminal = "isTTY" in stream && stream.isTTY === true && process.env.TERM !== "dumb";
  return createProgressBar({ write: (text) => void stream.write(text), isTerminal }, options);
}
