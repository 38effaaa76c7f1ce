import type { Sha256 } from "@luml/core";
import { createSHA256 } from "hash-wasm";

/**
 * An incremental sha256 on hash-wasm (WebCrypto has no streaming digest). The WASM
 * module loads asynchronously, so chunks that arrive before it is ready are kept
 * (copied: callers may reuse their buffers) and hashed as soon as it is.
 */
export function createSha256(): Sha256 {
  let hasher: Awaited<ReturnType<typeof createSHA256>> | undefined;
  let pending: Uint8Array[] = [];
  const ready = createSHA256().then((created) => {
    created.init();
    for (const chunk of pending) created.update(chunk);
    pending = [];
    hasher = created;
    return created;
  });
  return {
    update(chunk) {
      if (hasher) hasher.update(chunk);
      else pending.push(chunk.slice());
    },
    async digest() {
      return (await ready).digest("hex");
    },
  };
}
