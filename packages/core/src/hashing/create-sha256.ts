/** The incremental SHA-256 core uses when a runtime supplies none of its own. */
import type { Sha256 } from "../platform";
import { createDigestStreamSha256 } from "./digest-stream-sha256";
import { lazySha256 } from "./lazy-sha256";

/**
 * A fresh incremental SHA-256 that works in every web-standard runtime: native
 * `crypto.DigestStream` where the runtime has it (Cloudflare Workers), otherwise
 * the plain TypeScript one, which needs no `node:` module and compiles no
 * WebAssembly at run time (Workers and Vercel Edge forbid that).
 */
export function createWebSha256(): Sha256 {
  return createDigestStreamSha256() ?? createLazyJsSha256();
}

/** The plain TypeScript SHA-256, loaded on first use. */
function createLazyJsSha256(): Sha256 {
  return lazySha256(loadJsSha256);
}

/**
 * A fresh plain TypeScript SHA-256, its code loaded by a dynamic import: for a
 * runtime package's hash where WebAssembly is refused (a page whose
 * Content-Security-Policy lacks `'wasm-unsafe-eval'`, a browser with WebAssembly
 * turned off).
 */
export async function loadJsSha256(): Promise<Sha256> {
  return (await import("./sha256-js")).createJsSha256();
}
