import type { HttpMethod } from "./transport";

/** How failed attempts are repeated. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff ceiling in milliseconds. */
  baseDelay: number;
  /** Largest backoff ceiling in milliseconds. */
  maxDelay: number;
  /** Largest wait honoured from a `Retry-After` header, in milliseconds. */
  maxRetryAfter: number;
}

/** Defaults: 2 retries, 500 ms doubling up to 8 s, `Retry-After` up to 60 s. */
export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 2,
  baseDelay: 500,
  maxDelay: 8_000,
  maxRetryAfter: 60_000,
};

/** Whether a method is safe to repeat by default (a POST may create state). */
export function isRetryableMethod(method: HttpMethod): boolean {
  return method !== "POST";
}

/** Statuses worth another attempt: timeout, rate limit and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Milliseconds to wait before retry number `attempt` (0-based): the server's
 * `Retry-After` when given (capped), else exponential backoff with full
 * jitter, which spreads many clients' retries apart.
 */
export function retryDelay(
  attempt: number,
  retryAfter: number | undefined,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  if (retryAfter !== undefined) return Math.min(Math.max(0, retryAfter), policy.maxRetryAfter);
  const ceiling = Math.min(policy.maxDelay, policy.baseDelay * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** Waits `milliseconds`, rejecting with the signal's reason if it aborts first. */
export function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
