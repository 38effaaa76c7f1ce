import { describe, expect, it } from "vitest";
import { APIConnectionError } from "../errors/api-connection-error";
import { statusErrorFor } from "../errors/status-error-for";
import { retryStorageRequest } from "./retry-storage-request";
import type { StorageResponse } from "./transport";

const url = "http://storage.invalid/bucket/object";
const ok: StorageResponse = { status: 200, headers: new Headers(), text: "" };
const fast = { baseDelay: 1, maxDelay: 2 };

function unavailable(retryAfter?: string) {
  const headers = new Headers(retryAfter ? { "retry-after": retryAfter } : {});
  return statusErrorFor(503, "busy", { headers, method: "PUT", url });
}

describe("retryStorageRequest", () => {
  it("repeats retryable failures and keeps progress monotonic across attempts", async () => {
    const reported: number[] = [];
    let attempts = 0;
    const response = await retryStorageRequest(
      { method: "PUT", url, body: "x".repeat(10), onUploadProgress: (n) => reported.push(n) },
      async (request) => {
        attempts++;
        for (const loaded of [0, 4, 8]) request.onUploadProgress?.(loaded);
        if (attempts === 1) throw unavailable();
        if (attempts === 2) throw new APIConnectionError({ method: "PUT", url });
        request.onUploadProgress?.(10);
        return ok;
      },
      fast,
    );
    expect(response).toBe(ok);
    expect(attempts).toBe(3);
    expect(reported).toEqual([0, 4, 8, 10]);
  });

  it("gives up after maxRetries with the last error, and never retries a POST", async () => {
    let attempts = 0;
    const failing = async () => {
      attempts++;
      throw unavailable();
    };
    await expect(
      retryStorageRequest({ method: "PUT", url }, failing, { ...fast, maxRetries: 1 }),
    ).rejects.toMatchObject({ status: 503 });
    expect(attempts).toBe(2);
    attempts = 0;
    await expect(retryStorageRequest({ method: "POST", url }, failing, fast)).rejects.toThrow();
    expect(attempts).toBe(1);
  });

  it("waits for Retry-After, capped by maxRetryAfter", async () => {
    let attempts = 0;
    const started = performance.now();
    await retryStorageRequest(
      { method: "GET", url },
      async () => {
        if (attempts++ === 0) throw unavailable("3600");
        return ok;
      },
      { maxRetryAfter: 150 },
    );
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(140);
    expect(waited).toBeLessThan(2_000);
  });

  it("rejects with the signal's reason when aborted during the wait", async () => {
    const controller = new AbortController();
    const reason = new Error("stopped by the user");
    let attempts = 0;
    const pending = retryStorageRequest(
      { method: "GET", url, signal: controller.signal },
      async () => {
        attempts++;
        setTimeout(() => controller.abort(reason), 20);
        throw unavailable("10");
      },
    );
    await expect(pending).rejects.toBe(reason);
    expect(attempts).toBe(1);
  });
});
