/**
 * The body of the hashing worker. It is bundled into one self-contained script
 * string at build time and started from a Blob URL, so it survives any bundler a
 * page uses. It receives the Blob itself (a structured clone shares the bytes,
 * nothing is copied) and the page's compiled SHA-256 module, and reads the Blob
 * as a stream, reporting progress every slice.
 */
import type { HashWorkerReply, HashWorkerRequest } from "./hash-worker-protocol";
import { readBlob } from "./read-blob";
import { startWasmSha256 } from "./wasm-sha256";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<HashWorkerRequest>) => void) | null;
  postMessage(message: HashWorkerReply): void;
};

scope.onmessage = async (event) => {
  const { blob, sliceSize, module } = event.data;
  try {
    const hasher = await startWasmSha256(module);
    await readBlob(
      blob,
      sliceSize,
      (bytes) => hasher.update(bytes),
      (loaded) => scope.postMessage({ type: "progress", loaded }),
    );
    scope.postMessage({ type: "done", digest: hasher.digest() });
  } catch (error) {
    scope.postMessage({
      type: "error",
      message: error instanceof Error ? error.message : String(error),
    });
  }
};
