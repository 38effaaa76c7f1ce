/** The incremental SHA-256 core uses when a runtime supplies none of its own. */
import type { Sha256 } from "../platform";
import { createDigestStreamSha256 } from "./digest-stream-sha256";

/**
 * A fresh incremental SHA-256 that works in every web-standard runtime: native
 * `crypto.DigestStream` where the runtime has it (Cloudflare Workers), otherwise
 * the plain TypeScript one, which needs no `node:` module and compiles no
 * WebAssembly at run time (Workers and Vercel Edge forbid that).
 */
export function createWebSha256(): Sha256 {
  return createDigestStreamSha256() ?? createLazyJsSha256();
}

/**
 * The plain TypeScript SHA-256, loaded on first use (a dynamic import: a page or
 * an edge bundle that never hashes this way does not load it). Chunks fed before
 * it is loaded are kept (copied: callers may reuse their buffers) and hashed then.
 */
function createLazyJsSha256(): Sha256 {
  let hasher: Sha256 | undefined;
  let pending: Uint8Array[] = [];
  const ready = import("./sha256-js").then(({ createJsSha256 }) => {
    const created = createJsSha256();
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
