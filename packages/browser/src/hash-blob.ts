import { InvalidArgumentError } from "@luml/core";

/** Options of {@link hashBlob}. */
export interface HashBlobOptions {
  /** Stops hashing (the worker is terminated); the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called with the number of bytes hashed so far, after every slice. */
  onProgress?: ((loaded: number) => void) | undefined;
  /**
   * Bytes hashed between progress reports (default 8 MiB), a positive whole number.
   * The file is read as a stream, so memory stays small whatever the file size.
   */
  sliceSize?: number | undefined;
  /** Hash on the main thread even where a worker could be started. */
  disableWorker?: boolean | undefined;
}

/**
 * The lower-case hex sha256 of a `Blob`/`File`, computed in a Web Worker so the page
 * stays responsive while a multi-GB file hashes. Where workers are unavailable or
 * refused (a Content-Security-Policy without `worker-src blob:`), it hashes on the
 * main thread instead, letting the page run between slices. Where WebAssembly is
 * refused (a policy without `'wasm-unsafe-eval'`, a browser with WebAssembly turned
 * off), it hashes on the main thread in plain TypeScript: slower, same digest.
 *
 * @throws InvalidArgumentError when `sliceSize` is not a positive whole number.
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
  const { sliceSize } = options;
  // A slice of zero, negative or fractional bytes never ends: the hash would never finish.
  if (sliceSize !== undefined && !(Number.isSafeInteger(sliceSize) && sliceSize > 0)) {
    throw new InvalidArgumentError({
      argument: "sliceSize",
      message: `expected a positive whole number of bytes, got ${sliceSize}`,
    });
  }
  // Loaded on the first hash, not with the package: the WebAssembly and the worker.
  const { hashBlobNow } = await import("./hashing");
  const { digest, inWorker } = await hashBlobNow(blob, options);
  hashBlobDiagnostics.lastRunInWorker = inWorker;
  return digest;
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
