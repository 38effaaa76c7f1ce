import { describe, expect, it } from "vitest";
import { buildUrl } from "./build-url";
import {
  defaultRetryPolicy,
  isRetryableMethod,
  isRetryableStatus,
  retryDelay,
  sleep,
} from "./retry-policy";

describe("retry policy", () => {
  it("backs off exponentially with full jitter up to the cap", () => {
    expect(retryDelay(0, undefined, defaultRetryPolicy, () => 0.999)).toBe(499);
    expect(retryDelay(3, undefined, defaultRetryPolicy, () => 0.5)).toBe(2000);
    expect(retryDelay(10, undefined, defaultRetryPolicy, () => 0.999)).toBe(7992);
    expect(retryDelay(1, undefined, defaultRetryPolicy, () => 0)).toBe(0);
  });

  it("honours Retry-After, capped", () => {
    expect(retryDelay(0, 1500, defaultRetryPolicy)).toBe(1500);
    expect(retryDelay(0, 3_600_000, defaultRetryPolicy)).toBe(defaultRetryPolicy.maxRetryAfter);
  });

  it("retries what may succeed, by status and by method", () => {
    expect([408, 429, 500, 502, 503].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 422].some(isRetryableStatus)).toBe(false);
    expect(isRetryableMethod("POST")).toBe(false);
    expect(isRetryableMethod("PUT")).toBe(true);
  });

  it("stops sleeping when aborted", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    setTimeout(() => controller.abort(reason), 10);
    await expect(sleep(10_000, controller.signal)).rejects.toBe(reason);
  });
});

describe("buildUrl", () => {
  it("joins paths and repeats array keys", () => {
    expect(
      buildUrl("http://h/", "/v1/a", { types: ["model", "dataset"], cursor: null, limit: 2 }),
    ).toBe("http://h/v1/a?types=model&types=dataset&limit=2");
    expect(buildUrl("http://h", "v1/a", undefined)).toBe("http://h/v1/a");
  });
});
