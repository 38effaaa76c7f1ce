// Reads hash-wasm's SHA-256 WebAssembly (base64, as hash-wasm embeds it) from the
// installed package: the package build embeds it once, in the hashing chunk, and
// the source-mode tests resolve `virtual:luml-sha256-wasm` to it too.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The base64 of hash-wasm's SHA-256 module. */
export function sha256WasmBase64() {
  const main = createRequire(import.meta.url).resolve("hash-wasm");
  const source = readFileSync(join(dirname(main), "index.esm.js"), "utf8");
  const match = /var name\$(\w+) = "sha256";\s*var data\$\1 = "([A-Za-z0-9+/=]+)"/.exec(source);
  if (!match) throw new Error("hash-wasm's SHA-256 WebAssembly was not found in its build");
  return match[2];
}
