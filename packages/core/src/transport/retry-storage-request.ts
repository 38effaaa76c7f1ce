import { defaultRetryPolicy, type RetryPolicy } from "./retry-policy";
import type { StorageRequest, StorageResponse } from "./transport";
import { withRetries } from "./with-retries";

/**
 * One try at a storage request, as a runtime's storage transport sends it: no
 * retries of its own. It rejects with a `statusErrorFor` error for a non-2xx reply,
 * `APITimeoutError` or `APIConnectionError` when no full reply came, and the
 * signal's reason when aborted. The request it gets has an `onUploadProgress`
 * that already ignores going backwards, so each try may report from byte 0 again.
 */
export type StorageAttempt = (request: StorageRequest) => Promise<StorageResponse>;

/**
 * Sends a storage request through `attempt`, repeating retryable failures: the
 * one retry loop every storage transport shares. Idempotent requests (all but
 * POST, unless `request.retry` says otherwise) are retried on network errors,
 * timeouts, 408, 429 and 5xx, after the server's `Retry-After` (capped at
 * `policy.maxRetryAfter`) or exponential backoff with full jitter. Upload progress
 * stays monotonic across attempts, and an abort (during an attempt or a wait)
 * rejects with the signal's reason, unwrapped.
 *
 * @example
 * ```ts
 * const storage = (request: StorageRequest) =>
 *   retryStorageRequest(request, sendOnce, { maxRetries: settings.maxRetries });
 * ```
 *
 * @param request - The storage request, as core's transfers pass it.
 * @param attempt - Sends the request once.
 * @param policy - Overrides of {@link defaultRetryPolicy} (retries, backoff, `Retry-After` cap).
 */
export function retryStorageRequest(
  request: StorageRequest,
  attempt: StorageAttempt,
  policy: Partial<RetryPolicy> = {},
): Promise<StorageResponse> {
  const onUploadProgress = monotonic(request.onUploadProgress);
  const attemptRequest: StorageRequest = { ...request, onUploadProgress };
  return withRetries(
    {
      method: request.method,
      retry: request.retry,
      signal: request.signal,
      policy: withDefaults(policy),
    },
    () => attempt(attemptRequest),
  );
}

/** `policy` with `undefined` fields left at their defaults. */
function withDefaults(policy: Partial<RetryPolicy>): RetryPolicy {
  const merged: RetryPolicy = { ...defaultRetryPolicy };
  for (const key of Object.keys(merged) as (keyof RetryPolicy)[]) {
    const value = policy[key];
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/** A retried attempt starts again from byte 0; progress must never go backwards. */
function monotonic(
  callback: ((loaded: number) => void) | undefined,
): ((loaded: number) => void) | undefined {
  if (!callback) return undefined;
  let reported = -1;
  return (loaded) => {
    if (loaded > reported) {
      reported = loaded;
      callback(loaded);
    }
  };
}
