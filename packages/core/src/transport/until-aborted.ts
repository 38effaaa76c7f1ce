/**
 * `promise`, or a rejection with the signal's reason as soon as it aborts: for
 * work that may be slow to notice an abort, or that other callers share. The work
 * goes on; `abandon` receives it at the abort, to release what it will still
 * produce (a reply's body).
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  abandon: (promise: Promise<T>) => void = ignoreOutcome,
): Promise<T> {
  if (signal.aborted) {
    abandon(promise);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      abandon(promise);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** Keeps an abandoned promise's rejection from going unhandled. */
function ignoreOutcome(promise: Promise<unknown>): void {
  promise.catch(() => {});
}
