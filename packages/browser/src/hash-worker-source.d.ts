/** The hashing worker, bundled into a self-contained script by the package build. */
declare module "virtual:luml-hash-worker" {
  /** The worker's JavaScript source. */
  export const hashWorkerSource: string;
}

/** hash-wasm's SHA-256 WebAssembly module, read from the package at build time. */
declare module "virtual:luml-sha256-wasm" {
  /** The module's bytes, base64. */
  export const sha256WasmBase64: string;
}
