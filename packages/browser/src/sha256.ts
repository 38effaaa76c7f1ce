import type { Sha256 } from "@luml/core";
import { lazySha256 } from "@luml/core/internal";
import { nextTask } from "./next-task";

/** Longest run of hashing before the page's own tasks get a turn. */
const sliceMs = 40;

/**
 * An incremental sha256 on WebAssembly (WebCrypto has no streaming digest), or in
 * plain TypeScript where the page may not compile WebAssembly. The hashing code is
 * loaded on first use and the module compiles asynchronously; updates wait for it.
 *
 * It runs on the page's thread (a download verifies as it receives), so after every
 * 40 ms of hashing an update returns a promise that lets the page's tasks run first:
 * bytes a fast link has already queued would otherwise be read and hashed without
 * the page ever getting a turn.
 */
export function createSha256(): Sha256 {
  const hash = lazySha256(async () => (await import("./hashing")).startSha256());
  let sliceStart = performance.now();
  return {
    update(chunk) {
      const waiting = hash.update(chunk);
      if (waiting) return waiting;
      if (performance.now() - sliceStart < sliceMs) return;
      return nextTask().then(() => {
        sliceStart = performance.now();
      });
    },
    digest: () => hash.digest(),
  };
}
