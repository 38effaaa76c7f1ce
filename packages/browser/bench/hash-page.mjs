// The benchmark page's module: it imports the built @luml/browser and hash-wasm
// through the page's import map (as a page's bundler would resolve them) and
// exposes one function per contender on `window.lumlHashBench`. Every function
// hashes the same Blob and returns `{ ms, digest }`; nothing outside the timed
// span (making the Blob, starting hash-wasm's worker) is counted.
import { hashBlob, hashBlobDiagnostics } from "@luml/browser";
import { createSHA256 } from "hash-wasm";

const mebibyte = 1024 * 1024;
let blob;

/** Fills `size` bytes with xorshift32 output (random-ish, cheap, reproducible) as one Blob. */
function makeBlob(size) {
  const parts = [];
  let state = 0x9e3779b9;
  for (let made = 0; made < size; made += 16 * mebibyte) {
    const part = new Uint8Array(Math.min(16 * mebibyte, size - made));
    const words = new Uint32Array(part.buffer, 0, part.length >>> 2);
    for (let index = 0; index < words.length; index++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      words[index] = state;
    }
    for (let index = words.length * 4; index < part.length; index++) part[index] = index & 0xff;
    parts.push(part);
  }
  blob = new Blob(parts);
  return blob.size;
}

function hex(buffer) {
  let text = "";
  for (const byte of new Uint8Array(buffer)) text += byte.toString(16).padStart(2, "0");
  return text;
}

/**
 * Times `run`, and the page's longest stall meanwhile: the longest the main thread
 * went without running a 10 ms interval timer (a page's input, rendering and timers
 * wait as long).
 */
async function timed(run) {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 10);
  try {
    const started = performance.now();
    const digest = await run();
    const now = performance.now();
    return { ms: now - started, digest, stall: Math.max(stall, now - last) };
  } finally {
    clearInterval(timer);
  }
}

/** hash-wasm's worker, started and with its SHA-256 ready before the clock starts. */
async function readyHashWasmWorker() {
  const worker = new Worker(new URL("./hash-wasm-worker.mjs", import.meta.url), {
    type: "module",
  });
  await new Promise((resolve, reject) => {
    worker.onmessage = resolve;
    worker.onerror = (event) => reject(new Error(`hash-wasm worker: ${event.message}`));
    worker.postMessage({ type: "warm" });
  });
  return worker;
}

const contenders = {
  /** @luml/browser's default: its own worker (started inside the timed span). */
  async oursWorker() {
    const result = await timed(() => hashBlob(blob));
    if (!hashBlobDiagnostics.lastRunInWorker) throw new Error("hashBlob did not use its worker");
    return result;
  },
  /** @luml/browser's no-worker fallback. */
  async oursMain() {
    const result = await timed(() => hashBlob(blob, { disableWorker: true }));
    if (hashBlobDiagnostics.lastRunInWorker) throw new Error("hashBlob used a worker");
    return result;
  },
  /** hash-wasm on the main thread, fed `blob.slice().arrayBuffer()` slices (sliceMiB > 0) or `blob.stream()` (0). */
  hashWasmMain(sliceMiB) {
    return timed(async () => {
      const hasher = await createSHA256();
      hasher.init();
      if (sliceMiB > 0) {
        const sliceSize = sliceMiB * mebibyte;
        for (let start = 0; start < blob.size; start += sliceSize) {
          hasher.update(new Uint8Array(await blob.slice(start, start + sliceSize).arrayBuffer()));
        }
      } else {
        for await (const chunk of blob.stream()) hasher.update(chunk);
      }
      return hasher.digest("hex");
    });
  },
  /** The same inside a module worker that already loaded hash-wasm (its start is not timed). */
  async hashWasmWorker(sliceMiB) {
    const worker = await readyHashWasmWorker();
    try {
      return await timed(
        () =>
          new Promise((resolve, reject) => {
            worker.onmessage = (event) =>
              event.data.error ? reject(new Error(event.data.error)) : resolve(event.data.digest);
            worker.postMessage({ type: "hash", blob, sliceSize: sliceMiB * mebibyte });
          }),
      );
    } finally {
      worker.terminate();
    }
  },
  /** One shot: the whole file in memory, then one digest; it cannot stream. */
  subtle() {
    return timed(async () => hex(await crypto.subtle.digest("SHA-256", await blob.arrayBuffer())));
  },
};

window.lumlHashBench = {
  makeBlob,
  run: (name, argument) => contenders[name](argument),
  ready: true,
};
