import { APIStatusError, LumlError, parseRetryAfter } from "../errors";
import { isRetryableMethod, type RetryPolicy, retryDelay, sleep } from "./retry-policy";
import type { HttpMethod, StorageRequest } from "./transport";

/** When and how a request's failed attempts may be repeated. */
export interface RetryContext {
  /** The request's method: it decides whether retrying is allowed by default. */
  method: HttpMethod;
  /** The request's own say on retrying; by default every method but POST. */
  retry?: boolean;
  /** Cancels the request; the waits between attempts end with it too. */
  signal?: AbortSignal;
  /** Retries, backoff and the `Retry-After` cap. */
  policy: RetryPolicy;
  /**
   * Attempts of the same request that already failed before this call: they have
   * spent retries of the same budget, and the next attempt waits the backoff that
   * follows them. No attempt is made when they spent it all: `lastError` is thrown.
   */
  earlierFailures?: StorageRequest["earlierFailures"];
}

/**
 * Runs `attempt` until it succeeds, fails for good, or retries run out. Retryable
 * failures (a `LumlError` with `isRetryable`: network errors, timeouts, 408, 429,
 * 5xx) of an idempotent request, and a 429 of any request, are repeated after the
 * server's `Retry-After` (capped) or exponential backoff with full jitter. An abort, during an attempt or a wait, rejects with the signal's
 * reason, unwrapped.
 */
export async function withRetries<T>(context: RetryContext, attempt: () => Promise<T>): Promise<T> {
  const { signal, policy } = context;
  const mayRetry = context.retry ?? isRetryableMethod(context.method);
  /** Waits before the retry that follows failed attempt `attemptNumber`, or throws `error`. */
  const retryAfterFailure = async (attemptNumber: number, error: unknown) => {
    const retryable = LumlError.isInstance(error) && error.isRetryable;
    // A 429 is the server declining before doing anything: repeating even a POST
    // cannot do it twice (unless the caller said never to repeat this request).
    const declined = context.retry === undefined && isRateLimited(error);
    if (!(mayRetry || declined) || !retryable || attemptNumber >= policy.maxRetries) throw error;
    await sleep(retryDelay(attemptNumber, retryAfterOf(error), policy), signal);
  };
  const earlier = context.earlierFailures?.count ?? 0;
  if (earlier > 0) {
    signal?.throwIfAborted();
    await retryAfterFailure(earlier - 1, context.earlierFailures?.lastError);
  }
  for (let attemptNumber = earlier; ; attemptNumber++) {
    signal?.throwIfAborted();
    try {
      return await attempt();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      await retryAfterFailure(attemptNumber, error);
    }
  }
}

function isRateLimited(error: unknown): boolean {
  return APIStatusError.isInstance(error) && error.status === 429;
}

/** The milliseconds a status error's `Retry-After` header asks for, if any. */
function retryAfterOf(error: unknown): number | undefined {
  return APIStatusError.isInstance(error)
    ? parseRetryAfter(error.headers["retry-after"])
    : undefined;
}
