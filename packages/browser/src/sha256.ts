import type { Sha256 } from "@luml/core";
import { lazySha256 } from "@luml/core/internal";

/**
 * An incremental sha256 on WebAssembly (WebCrypto has no streaming digest), or in
 * plain TypeScript where the page may not compile WebAssembly. The hashing code is
 * loaded on first use and the module compiles asynchronously; chunks that arrive
 * before it is ready are hashed as soon as it is.
 */
export function createSha256(): Sha256 {
  return lazySha256(async () => (await import("./hashing")).startSha256());
}
