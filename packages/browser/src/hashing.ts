/**
 * The hashing code a page loads the first time it hashes (a dynamic import, so
 * `import { LumlClient }` does not carry it): the SHA-256 WebAssembly module,
 * compiled once per page, and the hashing worker's source. Where the page may not
 * compile WebAssembly, hashes run in core's plain TypeScript SHA-256 instead.
 */

import { hashWorkerSource } from "virtual:luml-hash-worker";
import { sha256WasmBase64 } from "virtual:luml-sha256-wasm";
import { FileError } from "@luml/core";
import { type LoadedSha256, loadJsSha256 } from "@luml/core/internal";
import type { HashBlobOptions } from "./hash-blob";
import type { HashWorkerReply, HashWorkerRequest } from "./hash-worker-protocol";
import { readBlob } from "./read-blob";
import { startWasmSha256 } from "./wasm-sha256";

/** Default bytes hashed between progress reports. */
const DEFAULT_SLICE_SIZE = 8 * 1024 * 1024;

/**
 * `hashBlob`'s work: in a worker when one starts, else on the main thread; in
 * plain TypeScript on the main thread where WebAssembly is refused (the worker
 * runs only the WebAssembly, and a page that refuses it refuses it to its workers).
 */
export async function hashBlobNow(
  blob: Blob,
  options: HashBlobOptions,
): Promise<{ digest: string; inWorker: boolean }> {
  const sliceSize = options.sliceSize ?? DEFAULT_SLICE_SIZE;
  const module = await sha256Module();
  options.signal?.throwIfAborted();
  if (module && !options.disableWorker) {
    const worker = takeHashWorker();
    if (worker) {
      const outcome = await hashInWorker(worker, blob, sliceSize, module, options);
      if (outcome.started) return { digest: outcome.digest, inWorker: true };
    }
  }
  const hash = await startSha256();
  return { digest: await hashOnMainThread(blob, sliceSize, hash, options), inWorker: false };
}

/** A running SHA-256 for `createSha256`: the WebAssembly one, or plain TypeScript where it is refused. */
export async function startSha256(): Promise<LoadedSha256> {
  const module = await sha256Module();
  return module ? startWasmSha256(module) : loadJsSha256();
}

let compiled: Promise<WebAssembly.Module | undefined> | undefined;

/**
 * The SHA-256 module, compiled on first use (it is posted to workers as is), or
 * `undefined` where the page may not compile WebAssembly: a Content-Security-Policy
 * without `'wasm-unsafe-eval'`, a browser with WebAssembly turned off (Edge's
 * enhanced security, Safari's Lockdown Mode). The module is ours and valid, so a
 * failure to compile it is such a refusal. It is asked once per page: each refused
 * compile is a policy violation the page may report.
 */
export function sha256Module(): Promise<WebAssembly.Module | undefined> {
  compiled ??= (async () => {
    try {
      return await WebAssembly.compile(decodeBase64(sha256WasmBase64));
    } catch {
      return undefined;
    }
  })();
  return compiled;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

let workerUrl: string | undefined;

function startHashWorker(): Worker | undefined {
  if (typeof Worker === "undefined" || typeof URL.createObjectURL !== "function") return undefined;
  try {
    workerUrl ??= URL.createObjectURL(new Blob([hashWorkerSource], { type: "text/javascript" }));
    return new Worker(workerUrl);
  } catch {
    // A CSP may refuse blob: workers synchronously; hash on the main thread then.
    return undefined;
  }
}

/** How long a worker whose hash finished waits for the next one before it is closed. */
const IDLE_WORKER_MS = 10_000;

/** A worker whose last hash finished, kept a little while: the next hash skips its start. */
let idle: { worker: Worker; timer: ReturnType<typeof setTimeout> } | undefined;

/** The idle worker, if there is one, else a new one (`undefined` when none can start). */
function takeHashWorker(): Worker | undefined {
  if (!idle) return startHashWorker();
  const { worker, timer } = idle;
  idle = undefined;
  clearTimeout(timer);
  return worker;
}

/** Keeps `worker` for the next hash (one is kept; others are closed). */
function keepHashWorker(worker: Worker): void {
  worker.onmessage = null;
  worker.onerror = null;
  if (idle) {
    worker.terminate();
    return;
  }
  const timer = setTimeout(() => {
    if (idle?.worker === worker) idle = undefined;
    worker.terminate();
  }, IDLE_WORKER_MS);
  idle = { worker, timer };
}

type WorkerOutcome = { started: true; digest: string } | { started: false };

/**
 * Runs one hash in `worker`. A worker that fails to load (CSP, no WASM) fires an
 * `error` event before replying: the outcome is then `started: false` so the caller
 * falls back; failures after it replied are real errors. A worker that finished is
 * kept for the next hash; an aborted or failed one is terminated.
 */
function hashInWorker(
  worker: Worker,
  blob: Blob,
  sliceSize: number,
  module: WebAssembly.Module,
  options: HashBlobOptions,
): Promise<WorkerOutcome> {
  const { signal, onProgress } = options;
  return new Promise<WorkerOutcome>((resolve, reject) => {
    let replied = false;
    const finish = (reusable = false) => {
      if (reusable) keepHashWorker(worker);
      else worker.terminate();
      signal?.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      finish();
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<HashWorkerReply>) => {
      replied = true;
      const reply = event.data;
      if (reply.type === "progress") {
        onProgress?.(reply.loaded);
      } else if (reply.type === "done") {
        finish(true);
        resolve({ started: true, digest: reply.digest });
      } else {
        finish();
        reject(
          new FileError({
            code: "not_found",
            message: `Could not read the file: ${reply.message}`,
          }),
        );
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      if (replied) {
        reject(new FileError({ code: "not_found", message: `Hashing failed: ${event.message}` }));
      } else {
        resolve({ started: false });
      }
    };
    const request: HashWorkerRequest = { blob, sliceSize, module };
    worker.postMessage(request);
  });
}

async function hashOnMainThread(
  blob: Blob,
  sliceSize: number,
  hash: LoadedSha256,
  options: HashBlobOptions,
): Promise<string> {
  const { signal, onProgress } = options;
  await readBlob(
    blob,
    sliceSize,
    (bytes) => hash.update(bytes),
    (loaded) => onProgress?.(loaded),
    signal,
    true,
  );
  return await hash.digest();
}
