import { describe, expect, it } from "vitest";
import { APITimeoutError, FileDownloadError } from "../errors";
import { defaultRetryPolicy } from "./retry-policy";
import { withRetries } from "./with-retries";

// No backoff: only how many attempts are made matters here.
const policy = { ...defaultRetryPolicy, maxRetries: 2, baseDelay: 0, maxDelay: 0 };

/** Runs an attempt that always times out under `earlierFailures`; resolves with its count. */
async function attemptsAfter(
  earlierFailures: { count: number; lastError: unknown } | undefined,
): Promise<{ attempts: number; error: unknown }> {
  let attempts = 0;
  const error = await withRetries({ method: "GET", policy, earlierFailures }, async () => {
    attempts += 1;
    throw new APITimeoutError({ timeout: 1 });
  }).catch((caught: unknown) => caught);
  return { attempts, error };
}

describe("withRetries after earlier failures of the same request", () => {
  it("makes only the attempts the earlier ones left of maxRetries + 1", async () => {
    const lastError = new APITimeoutError({ timeout: 1 });
    expect((await attemptsAfter(undefined)).attempts).toBe(3);
    expect((await attemptsAfter({ count: 1, lastError })).attempts).toBe(2);
    expect((await attemptsAfter({ count: 2, lastError })).attempts).toBe(1);
  });

  it("makes no attempt, rejecting with the last error, once they spent every retry", async () => {
    const lastError = new APITimeoutError({ timeout: 1 });
    expect(await attemptsAfter({ count: 3, lastError })).toEqual({ attempts: 0, error: lastError });
  });

  it("makes no attempt after an earlier failure that is not worth repeating", async () => {
    const lastError = new FileDownloadError({ message: "The download stopped at byte 5 of 9" });
    expect(await attemptsAfter({ count: 1, lastError })).toEqual({ attempts: 0, error: lastError });
  });
});
