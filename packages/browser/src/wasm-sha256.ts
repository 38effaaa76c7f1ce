/**
 * An incremental sha256 on the WebAssembly build of hash-wasm's SHA-256
 * (https://github.com/Daninet/hash-wasm, MIT, © Dani Biro), driven through its
 * exports directly. The same compiled module serves the page and the hashing
 * worker (it is posted to the worker), so its bytes ship once.
 */

/** What the module exports (hash-wasm's ABI). */
interface Sha256Exports {
  memory: WebAssembly.Memory;
  Hash_GetBuffer(): number;
  Hash_Init(bits: number): void;
  Hash_Update(length: number): void;
  Hash_Final(): void;
}

/** The module's input buffer: bytes are copied in and hashed this many at a time. */
const CHUNK_SIZE = 16 * 1024;

/** One running sha256. */
export interface WasmSha256 {
  /** Hashes `bytes` (copied into the module's memory, so the caller may reuse them). */
  update(bytes: Uint8Array): void;
  /** The lower-case hex digest of everything hashed; the hash is finished. */
  digest(): string;
}

/** Starts a sha256 on an instance of the compiled SHA-256 module. */
export async function startWasmSha256(module: WebAssembly.Module): Promise<WasmSha256> {
  const instance = await WebAssembly.instantiate(module, {});
  const exports = instance.exports as unknown as Sha256Exports;
  exports.Hash_Init(256);
  const offset = exports.Hash_GetBuffer();
  let view = new Uint8Array(exports.memory.buffer, offset, CHUNK_SIZE);
  const memory = () => {
    // A grown memory detaches the old view (the module never grows it, but stay safe).
    if (view.byteLength === 0) view = new Uint8Array(exports.memory.buffer, offset, CHUNK_SIZE);
    return view;
  };
  return {
    update(bytes) {
      for (let start = 0; start < bytes.length; start += CHUNK_SIZE) {
        const chunk = bytes.subarray(start, start + CHUNK_SIZE);
        memory().set(chunk);
        exports.Hash_Update(chunk.length);
      }
    },
    digest() {
      exports.Hash_Final();
      let hex = "";
      for (const byte of memory().subarray(0, 32)) hex += byte.toString(16).padStart(2, "0");
      return hex;
    },
  };
}
