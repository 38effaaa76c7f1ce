import type { Sha256 } from "@luml/core";
import type { WasmSha256 } from "./wasm-sha256";

/**
 * An incremental sha256 on WebAssembly (WebCrypto has no streaming digest). The
 * hashing code is loaded on first use (a dynamic import) and the module compiles
 * asynchronously, so chunks that arrive before it is ready are kept (copied:
 * callers may reuse their buffers) and hashed as soon as it is.
 */
export function createSha256(): Sha256 {
  let hasher: WasmSha256 | undefined;
  let pending: Uint8Array[] = [];
  const ready = import("./hashing").then(async (hashing) => {
    const created = await hashing.startWasmSha256(await hashing.sha256Module());
    for (const chunk of pending) created.update(chunk);
    pending = [];
    hasher = created;
    return created;
  });
  // A failure to load is reported by digest(), not as an unhandled rejection.
  ready.catch(() => {});
  return {
    update(chunk) {
      if (hasher) hasher.update(chunk);
      else pending.push(chunk.slice());
    },
    async digest() {
      return (await ready).digest();
    },
  };
}
