import { hashBlob, hashBlobDiagnostics } from "@luml/browser";
import { expect, inject, test } from "vitest";
import { createSha256 } from "../src/sha256";
import { patternBytes } from "./hash-cases";
import { applyPagePolicy } from "./page-policy";

const { small, large } = inject("hashCases");
const mebibyte = 1024 * 1024;

// This page refuses to compile WebAssembly, as a site whose Content-Security-Policy
// allows scripts but not `'wasm-unsafe-eval'` does (so does a browser with
// WebAssembly turned off).
const refused = applyPagePolicy("script-src * blob: data: 'unsafe-inline'");

test("the page really refuses WebAssembly", async () => {
  await expect(WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))).rejects.toThrow(
    /WebAssembly/,
  );
});

test("where WebAssembly is refused, hashBlob hashes in plain TypeScript on the main thread, with progress", async () => {
  const wasmRefusals: number[] = [];
  for (const { size, sha256 } of [small, large]) {
    const progress: number[] = [];
    const digest = await hashBlob(new Blob([patternBytes(size)]), {
      sliceSize: 8 * mebibyte,
      onProgress: (loaded) => progress.push(loaded),
    });
    expect(digest).toBe(sha256);
    expect(hashBlobDiagnostics.lastRunInWorker).toBe(false);
    expect(progress.at(-1)).toBe(size);
    // Violation events come in a later task.
    await new Promise((resolve) => setTimeout(resolve, 50));
    wasmRefusals.push(refused.filter((violation) => violation.includes("wasm-eval")).length);
  }
  // The first hash asked to compile and was refused; the second did not ask again
  // (each refusal is a report the page may send).
  expect(wasmRefusals[0]).toBeGreaterThan(0);
  expect(wasmRefusals[1]).toBe(wasmRefusals[0]);
});

test("where WebAssembly is refused, a download's incremental sha256 is the plain TypeScript one", async () => {
  const bytes = patternBytes(small.size);
  const hash = createSha256();
  // Uneven chunks, some fed before the hashing code has loaded.
  for (let start = 0; start < bytes.length; start += 700_001) {
    await hash.update(bytes.slice(start, start + 700_001));
  }
  expect(await hash.digest()).toBe(small.sha256);
});
