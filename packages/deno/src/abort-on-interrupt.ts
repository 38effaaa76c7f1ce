import { getDeno } from "./deno-api.ts";

/** The signals that interrupt a script, with the exit code a shell gives each (128 + number). */
const interruptions = [
  { name: "SIGINT", exitCode: 130 },
  { name: "SIGTERM", exitCode: 143 },
] as const;

/** Options of {@link abortOnInterrupt}. */
export interface AbortOnInterruptOptions {
  /**
   * Called just before a second SIGINT or SIGTERM ends the process, to say what
   * the first one's clean-up leaves undone (a record it was marking `upload_failed`
   * may stay `pending_upload`). Runs synchronously.
   */
  onForcedExit?: ((signal: "SIGINT" | "SIGTERM") => void) | undefined;
}

/** What {@link abortOnInterrupt} returns: the signal, and how to stop listening. */
export interface InterruptListener {
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
  /** Same as {@link InterruptListener.dispose}, for `using`. */
  [Symbol.dispose](): void;
}

/**
 * An `AbortSignal` for Ctrl-C. Pass it as `signal` to `artifacts.upload` (or any
 * call that takes one): the first SIGINT or SIGTERM aborts it, so the upload
 * stops, its record is marked `upload_failed`, and the promise rejects with an
 * `AbortError` — instead of the process dying with the record left `pending`. A
 * second SIGINT or SIGTERM while the first is being handled ends the process at
 * once, with exit code 130 (SIGINT) or 143 (SIGTERM) like a shell's. On Windows,
 * where Deno cannot listen for SIGTERM, only Ctrl-C (SIGINT) is handled.
 *
 * Listening for the signals does not keep the process alive; dispose of the
 * listener once the work it guards is done, so that a later Ctrl-C ends the
 * process as usual.
 *
 * @example
 * ```ts
 * import { abortOnInterrupt, LumlClient } from "npm:@luml/deno";
 *
 * const luml = await LumlClient.create();
 * using interrupt = abortOnInterrupt();
 * await luml.artifacts.upload("./model.fnnx", { signal: interrupt.signal });
 * ```
 */
export function abortOnInterrupt(options: AbortOnInterruptOptions = {}): InterruptListener {
  const deno = getDeno();
  const controller = new AbortController();
  const listening: Array<{ name: "SIGINT" | "SIGTERM"; handler: () => void }> = [];
  for (const { name, exitCode } of interruptions) {
    const handler = () => {
      if (!controller.signal.aborted) {
        controller.abort(new DOMException(`Interrupted by ${name}`, "AbortError"));
        return;
      }
      // Asked twice: whatever the first is still doing, the person wants out now.
      try {
        options.onForcedExit?.(name);
      } finally {
        deno.exit(exitCode);
      }
    };
    try {
      deno.addSignalListener(name, handler);
      listening.push({ name, handler });
    } catch {
      // Windows has no SIGTERM to listen for; Ctrl-C is still handled.
    }
  }
  const dispose = () => {
    for (const { name, handler } of listening.splice(0)) deno.removeSignalListener(name, handler);
  };
  return { signal: controller.signal, dispose, [Symbol.dispose]: dispose };
}
