import { hashWorkerSource } from "virtual:luml-hash-worker";
import { FileError } from "@luml/core";
import type { HashWorkerReply, HashWorkerRequest } from "./hash-worker-protocol";
import { createSha256 } from "./sha256";

/** Options of {@link hashBlob}. */
export interface HashBlobOptions {
  /** Stops hashing (the worker is terminated); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called with the number of bytes hashed so far, after every slice. */
  onProgress?: (loaded: number) => void;
  /** Bytes read per step (default 8 MiB): memory stays at one slice whatever the file size. */
  sliceSize?: number;
  /** Hash on the main thread even where a worker could be started. */
  disableWorker?: boolean;
}

/** Default bytes read per step. */
const DEFAULT_SLICE_SIZE = 8 * 1024 * 1024;

/**
 * The lower-case hex sha256 of a `Blob`/`File`, computed in a Web Worker so the page
 * stays responsive while a multi-GB file hashes. Where workers are unavailable or
 * refused (a Content-Security-Policy without `worker-src blob:`), it hashes on the
 * main thread instead, yielding between slices.
 *
 * @example
 * ```ts
 * import { hashBlob } from "@luml/browser";
 *
 * const sha256 = await hashBlob(input.files[0], {
 *   onProgress: (loaded) => (bar.value = loaded / input.files[0].size),
 * });
 * ```
 */
export async function hashBlob(blob: Blob, options: HashBlobOptions = {}): Promise<string> {
  options.signal?.throwIfAborted();
  const sliceSize = options.sliceSize ?? DEFAULT_SLICE_SIZE;
  if (!options.disableWorker) {
    const worker = startHashWorker();
    if (worker) {
      const outcome = await hashInWorker(worker, blob, sliceSize, options);
      if (outcome.started) return outcome.digest;
    }
  }
  return hashOnMainThread(blob, sliceSize, options);
}

/** Whether the last {@link hashBlob} ran in a worker (for diagnostics and tests). */
export const hashBlobDiagnostics = {
  /**
   * `true` when the last completed {@link hashBlob} ran in a Web Worker, `false`
   * when it hashed on the main thread (workers unavailable, refused by the page's
   * Content-Security-Policy, or `disableWorker`). `false` before the first hash.
   */
  lastRunInWorker: false,
};

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

type WorkerOutcome = { started: true; digest: string } | { started: false };

/**
 * Runs one hash in `worker`. A worker that fails to load (CSP, no WASM) fires an
 * `error` event before replying: the outcome is then `started: false` so the caller
 * falls back; failures after it replied are real errors.
 */
function hashInWorker(
  worker: Worker,
  blob: Blob,
  sliceSize: number,
  options: HashBlobOptions,
): Promise<WorkerOutcome> {
  const { signal, onProgress } = options;
  return new Promise<WorkerOutcome>((resolve, reject) => {
    let replied = false;
    const finish = () => {
      worker.terminate();
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
        finish();
        hashBlobDiagnostics.lastRunInWorker = true;
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
    const request: HashWorkerRequest = { blob, sliceSize };
    worker.postMessage(request);
  });
}

async function hashOnMainThread(
  blob: Blob,
  sliceSize: number,
  options: HashBlobOptions,
): Promise<string> {
  const { signal, onProgress } = options;
  const hash = createSha256();
  for (let start = 0; start < blob.size; start += sliceSize) {
    const end = Math.min(start + sliceSize, blob.size);
    const bytes = new Uint8Array(await blob.slice(start, end).arrayBuffer());
    signal?.throwIfAborted();
    hash.update(bytes);
    onProgress?.(end);
  }
  hashBlobDiagnostics.lastRunInWorker = false;
  return hash.digest();
}
