// hash-wasm's SHA-256 in a module worker, for the hashing benchmark. A module
// worker does not see the page's import map, so hash-wasm is imported by the URL
// the benchmark's server gives its build.
import { createSHA256 } from "/modules/hash-wasm/index.esm.js";

self.onmessage = async ({ data }) => {
  try {
    const hasher = await createSHA256();
    if (data.type === "warm") {
      self.postMessage({ ready: true });
      return;
    }
    const { blob, sliceSize } = data;
    hasher.init();
    if (sliceSize > 0) {
      for (let start = 0; start < blob.size; start += sliceSize) {
        hasher.update(new Uint8Array(await blob.slice(start, start + sliceSize).arrayBuffer()));
      }
    } else {
      for await (const chunk of blob.stream()) hasher.update(chunk);
    }
    self.postMessage({ digest: hasher.digest("hex") });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
