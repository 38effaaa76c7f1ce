import { hashBlob, hashBlobDiagnostics, InvalidArgumentError } from "@luml/browser";
import { describe, expect, inject, test } from "vitest";
// The incremental hasher behind hashBlob (not exported): checked on its own.
import { createSha256 } from "../src/sha256";
import { patternBytes } from "./hash-cases";

const { large, small } = inject("hashCases");
const sliceSize = 1024 * 1024;

describe("hashBlob in Chromium", () => {
  test("hashes a Blob in a Web Worker, matching node:crypto, with growing progress", async () => {
    const progress: number[] = [];
    let ticks = 0;
    // A main-thread timer keeps ticking only while hashing leaves the page free.
    const timer = setInterval(() => ticks++, 5);
    const digest = await hashBlob(new Blob([patternBytes(large.size)]), {
      sliceSize,
      onProgress: (loaded) => progress.push(loaded),
    }).finally(() => clearInterval(timer));

    expect(digest).toBe(large.sha256);
    expect(hashBlobDiagnostics.lastRunInWorker).toBe(true);
    expect(progress.length).toBeGreaterThanOrEqual(30);
    expect(
      progress.every((value, index) => index === 0 || value > (progress[index - 1] ?? value)),
    ).toBe(true);
    expect(progress.at(-1)).toBe(large.size);
    expect(ticks).toBeGreaterThan(0);
  });

  test("the main-thread fallback gives the same digest", async () => {
    const digest = await hashBlob(new Blob([patternBytes(large.size)]), {
      sliceSize,
      disableWorker: true,
    });
    expect(hashBlobDiagnostics.lastRunInWorker).toBe(false);
    expect(digest).toBe(large.sha256);
  });

  test("createSha256 fed odd-sized chunks matches node:crypto", async () => {
    const bytes = patternBytes(small.size);
    const hash = createSha256();
    for (let start = 0; start < bytes.length; start += 65_537) {
      await hash.update(bytes.subarray(start, start + 65_537));
    }
    expect(await hash.digest()).toBe(small.sha256);
  });

  test("a sliceSize that is not a positive whole number is refused before any hashing", async () => {
    for (const sliceSize of [0, -1, 1.5, Number.NaN]) {
      // Such a slice never ends: a hash that started would spin until the signal fires.
      const hashing = hashBlob(new Blob([patternBytes(small.size)]), {
        sliceSize,
        signal: AbortSignal.timeout(10_000),
      });
      await expect(hashing).rejects.toThrow(InvalidArgumentError);
      await expect(hashing).rejects.toMatchObject({ argument: "sliceSize" });
    }
  });

  test("an aborted hash rejects with the signal's reason", async () => {
    const controller = new AbortController();
    const hashing = hashBlob(new Blob([patternBytes(large.size)]), {
      signal: controller.signal,
      sliceSize,
      onProgress: () => controller.abort(new Error("stopped by the page")),
    });
    await expect(hashing).rejects.toThrow("stopped by the page");
  });
});
