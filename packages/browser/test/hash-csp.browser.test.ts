import { hashBlob, hashBlobDiagnostics } from "@luml/browser";
import { expect, inject, test } from "vitest";
import { patternBytes } from "./hash-cases";
import { applyPagePolicy } from "./page-policy";

const { small } = inject("hashCases");
const mebibyte = 1024 * 1024;

// This page refuses every worker, as a site whose Content-Security-Policy has no
// `worker-src blob:` does.
const refused = applyPagePolicy("worker-src 'none'");

test("where the page's Content-Security-Policy refuses workers, hashBlob hashes on the main thread", async () => {
  for (let round = 0; round < 2; round++) {
    const progress: number[] = [];
    const digest = await hashBlob(new Blob([patternBytes(small.size)]), {
      sliceSize: mebibyte,
      onProgress: (loaded) => progress.push(loaded),
    });
    expect(digest).toBe(small.sha256);
    expect(hashBlobDiagnostics.lastRunInWorker).toBe(false);
    expect(progress).toEqual([mebibyte, 2 * mebibyte, small.size]);
  }
  // The hashes did ask for a worker, and the browser refused it.
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.every((violation) => violation === "worker-src blob")).toBe(true);
});
