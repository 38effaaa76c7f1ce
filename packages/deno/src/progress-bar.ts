import type { ProgressCallback } from "@luml/core";
import { createProgressBar } from "@luml/core/internal";

/** Where {@link progressBar} draws: `Deno.stderr`, `Deno.stdout` or an open file. */
export interface ProgressBarWriter {
  /** Writes some of `bytes`; returns how many were written. */
  writeSync(bytes: Uint8Array): number;
  /** Whether this is an interactive terminal. */
  isTerminal(): boolean;
}

/** Options of `progressBar`. */
export interface ProgressBarOptions {
  /** Where to draw. Default `Deno.stderr`. */
  writer?: ProgressBarWriter | undefined;
  /** Bar width in characters. Default 30. */
  width?: number | undefined;
  /**
   * Lines printed per phase when the writer is not a terminal (logs, CI), at
   * evenly spaced percentages. Default 4 (25 %, 50 %, 75 %, 100 %).
   */
  lines?: number | undefined;
  /** Minimum milliseconds between redraws on a terminal. Default 100. */
  interval?: number | undefined;
}

/** The slice of `Deno` the bar uses. */
interface DenoConsole {
  stderr: ProgressBarWriter;
  env: { get(name: string): string | undefined };
  permissions: { querySync(descriptor: { name: "env"; variable: string }): { state: string } };
}

/**
 * A progress callback that draws a bar on the terminal: phase, percentage,
 * MiB/s and time left. On a terminal it redraws one line in place; otherwise (a
 * pipe, a log file, CI, or `TERM=dumb`) it prints a few lines per phase so logs
 * stay short. It uses no colours, so `NO_COLOR` changes nothing.
 *
 * @example
 * ```ts
 * import { LumlClient, progressBar } from "npm:@luml/deno";
 *
 * const luml = await LumlClient.create();
 * const artifact = await luml.artifacts.upload("./model.fnnx", { onProgress: progressBar() });
 * await luml.artifacts.download(artifact.id, { to: "./copy.fnnx", onProgress: progressBar() });
 * ```
 */
export function progressBar(options: ProgressBarOptions = {}): ProgressCallback {
  const deno = (globalThis as { Deno?: DenoConsole }).Deno;
  const writer = options.writer ?? deno?.stderr;
  if (writer === undefined) {
    throw new Error("@luml/deno runs only in Deno; use @luml/node or @luml/browser elsewhere.");
  }
  const encoder = new TextEncoder();
  const isTerminal = writer.isTerminal() && readTerm(deno) !== "dumb";
  return createProgressBar(
    {
      isTerminal,
      write(text) {
        let bytes = encoder.encode(text);
        // `writeSync` may write part of the bytes; write the rest.
        while (bytes.length > 0) bytes = bytes.subarray(writer.writeSync(bytes));
      },
    },
    options,
  );
}

/**
 * `TERM`, or `undefined` when it is unset or the script was not given
 * `--allow-env` for it (asked without a prompt: a progress bar never asks).
 */
function readTerm(deno: DenoConsole | undefined): string | undefined {
  try {
    if (deno?.permissions.querySync({ name: "env", variable: "TERM" }).state !== "granted") {
      return undefined;
    }
    return deno.env.get("TERM");
  } catch {
    return undefined;
  }
}
