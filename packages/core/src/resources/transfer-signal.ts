import type { ProgressCallback } from "../platform";
import type { CallOptions, Transport } from "../transport/transport";

/**
 * The signal a transfer runs under: the caller's, plus the transfer's own reasons
 * to stop. A progress callback that throws stops the transfer with its error, which
 * is then what the caller gets (not a "connection error" from wherever it was
 * called), and the record is marked failed like after an abort.
 */
export class TransferSignal {
  readonly #controller = new AbortController();
  readonly #userSignal: AbortSignal | undefined;
  readonly #onUserAbort = () => this.#controller.abort(this.#userSignal?.reason);

  /** @param userSignal - The caller's signal, if any. */
  constructor(userSignal: AbortSignal | undefined) {
    this.#userSignal = userSignal;
    if (userSignal?.aborted) this.#controller.abort(userSignal.reason);
    else userSignal?.addEventListener("abort", this.#onUserAbort, { once: true });
  }

  /** Aborted by the caller, or by a throwing callback (the reason is its error). */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** `onProgress`, stopping the transfer with its error if it throws. */
  guard(onProgress: ProgressCallback | undefined): ProgressCallback | undefined {
    if (!onProgress) return undefined;
    return (event) => {
      if (this.#controller.signal.aborted) return;
      try {
        onProgress(event);
      } catch (error) {
        this.#controller.abort(error);
      }
    };
  }

  /** Stops listening to the caller's signal. */
  dispose(): void {
    this.#userSignal?.removeEventListener("abort", this.#onUserAbort);
  }
}

/** `transport` with a call's own `timeout` and `idleTimeout` as defaults of each request. */
export function withCallDefaults(
  transport: Transport,
  defaults: Pick<CallOptions, "timeout" | "idleTimeout">,
): Transport {
  if (defaults.timeout === undefined && defaults.idleTimeout === undefined) return transport;
  const merge = <T extends CallOptions>(request: T): T => ({
    ...request,
    timeout: request.timeout ?? defaults.timeout,
    idleTimeout: request.idleTimeout ?? defaults.idleTimeout,
  });
  return {
    request: (request) => transport.request(merge(request)),
    storage: (request) => transport.storage(merge(request)),
  };
}
