import {
  type AbortOnInterruptOptions,
  type InterruptControl,
  listenForInterrupts,
} from "@luml/core/internal";

export type { AbortOnInterruptOptions };

/** What {@link abortOnInterrupt} returns: the signal, and how to stop listening. */
export interface InterruptListener extends InterruptControl {
  /** Same as {@link InterruptListener.dispose}, for `using`. */
  [Symbol.dispose](): void;
}

/**
 * An `AbortSignal` for Ctrl-C. Pass it as `signal` to `artifacts.upload` (or any
 * call that takes one): the first SIGINT or SIGTERM aborts it, so the upload
 * stops, its record is marked `upload_failed`, and the promise rejects with an
 * `AbortError` — instead of the process dying with the record left `pending`. A
 * second SIGINT or SIGTERM while the first is being handled ends the process at
 * once, with exit code 130 (SIGINT) or 143 (SIGTERM) like a shell's.
 *
 * Listening for the signals does not keep the process alive; dispose of the
 * listener once the work it guards is done, so that a later Ctrl-C ends the
 * process as usual.
 *
 * @example
 * ```ts
 * import { abortOnInterrupt, LumlClient } from "@luml/node";
 *
 * const luml = await LumlClient.create();
 * const interrupt = abortOnInterrupt();
 * try {
 *   await luml.artifacts.upload("model.fnnx", { signal: interrupt.signal });
 * } finally {
 *   interrupt.dispose();
 * }
 * // or, with TypeScript 5.2+ and explicit resource management:
 * // using interrupt = abortOnInterrupt();
 * ```
 */
export function abortOnInterrupt(options: AbortOnInterruptOptions = {}): InterruptListener {
  const { signal, dispose } = listenForInterrupts(
    {
      listen(name, handler) {
        process.on(name, handler);
        return () => process.off(name, handler);
      },
      exit: (code) => process.exit(code),
    },
    options,
  );
  return { signal, dispose, [Symbol.dispose]: dispose };
}
