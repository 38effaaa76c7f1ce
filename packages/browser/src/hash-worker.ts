/**
 * The body of the hashing worker. It is bundled (with hash-wasm's embedded WASM)
 * into one self-contained script string at build time and started from a Blob URL,
 * so it survives any bundler a page uses. It receives the Blob itself (a structured
 * clone shares the bytes, nothing is copied) and reads it slice by slice.
 */
import { createSHA256 } from "hash-wasm";
import type { HashWorkerReply, HashWorkerRequest } from "./hash-worker-protocol";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<HashWorkerRequest>) => void) | null;
  postMessage(message: HashWorkerReply): void;
};

scope.onmessage = async (event) => {
  const { blob, sliceSize } = event.data;
  try {
    const hasher = await createSHA256();
    hasher.init();
    for (let start = 0; start < blob.size; start += sliceSize) {
      const end = Math.min(start + sliceSize, blob.size);
      hasher.update(new Uint8Array(await blob.slice(start, end).arrayBuffer()));
      scope.postMessage({ type: "progress", loaded: end });
    }
    scope.postMessage({ type: "done", digest: hasher.digest("hex") });
  } catch (error) {
    scope.postMessage({
      type: "error",
      message: error instanceof Error ? error.message : String(error),
    });
  }
};
