/**
 * What the runtimes' `abortOnInterrupt` (Node and Bun, Deno) do with Ctrl-C: the
 * first SIGINT or SIGTERM aborts a signal, a second one ends the process at once.
 * Each runtime adds only how it listens for a signal and how it exits.
 */

/** The signals that interrupt a script: Ctrl-C in a terminal, and a polite stop (`kill`, CI, Docker). */
export type InterruptSignal = "SIGINT" | "SIGTERM";

/** The exit code a shell gives a process each signal ended: 128 + the signal's number. */
const exitCodes: Readonly<Record<InterruptSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

/** Options of `abortOnInterrupt`. */
export interface AbortOnInterruptOptions {
  /**
   * Called just before a second SIGINT or SIGTERM ends the process, to say what
   * the first one's clean-up leaves undone (a record it was marking `upload_failed`
   * may stay `pending_upload`). Runs synchronously, so write with a synchronous
   * call (`process.stderr.write` in Node and Bun, `console.error` in Deno).
   */
  onForcedExit?: ((signal: InterruptSignal) => void) | undefined;
}

/**
 * The signal {@link listenForInterrupts} aborts, and how to stop listening. Each
 * runtime's `InterruptListener` adds `Symbol.dispose` (for `using`), which the web
 * platform core is written for does not have everywhere.
 */
export interface InterruptControl {
  /**
   * Aborts on the first SIGINT or SIGTERM, with a `DOMException` named
   * `AbortError` whose message names the signal (`Interrupted by SIGINT`).
   */
  readonly signal: AbortSignal;
  /**
   * Stops listening: SIGINT and SIGTERM get their default behaviour back
   * (end the process). Safe to call more than once; `using` calls it too.
   */
  dispose(): void;
}

/** How a runtime listens for a signal and ends its process. */
export interface InterruptRuntime {
  /**
   * Calls `handler` on each `signal` from now on, instead of the runtime's default
   * (ending the process). Returns how to stop, or `undefined` where the runtime
   * cannot listen for that signal (SIGTERM on Windows in Deno).
   */
  listen(signal: InterruptSignal, handler: () => void): (() => void) | undefined;
  /** Ends the process at once with `code`. */
  exit(code: number): void;
}

/** Listens for SIGINT and SIGTERM through `runtime`, as `abortOnInterrupt` documents. */
export function listenForInterrupts(
  runtime: InterruptRuntime,
  options: AbortOnInterruptOptions,
): InterruptControl {
  const controller = new AbortController();
  const stops: Array<() => void> = [];
  for (const name of ["SIGINT", "SIGTERM"] as const) {
    const stop = runtime.listen(name, () => {
      if (!controller.signal.aborted) {
        controller.abort(new DOMException(`Interrupted by ${name}`, "AbortError"));
        return;
      }
      // Asked twice: whatever the first is still doing, the person wants out now.
      try {
        options.onForcedExit?.(name);
      } finally {
        runtime.exit(exitCodes[name]);
      }
    });
    if (stop) stops.push(stop);
  }
  const dispose = () => {
    for (const stop of stops.splice(0)) stop();
  };
  return { signal: controller.signal, dispose };
}
