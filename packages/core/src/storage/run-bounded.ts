/**
 * Runs `task` over `items` with at most `concurrency` in flight. The first failure
 * aborts the signal handed to the other tasks and is what the returned promise
 * rejects with, so a failed transfer stops promptly instead of sending the rest.
 */
export async function runBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, signal: AbortSignal) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  if (signal?.aborted) onAbort();
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;

  const worker = async () => {
    while (!failure && next < items.length) {
      if (controller.signal.aborted) throw controller.signal.reason;
      const index = next++;
      try {
        results[index] = await task(items[index] as T, controller.signal);
      } catch (error) {
        failure ??= { error };
        controller.abort(error);
        return;
      }
    }
  };

  try {
    const workerCount = Math.max(1, Math.min(concurrency, items.length));
    await Promise.all(Array.from({ length: workerCount }, worker));
    if (failure) throw failure.error;
    if (signal?.aborted) throw signal.reason;
    return results;
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}
