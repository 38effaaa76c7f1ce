import { createSha256, hashBlob, hashBlobDiagnostics } from "@luml/browser";

/** The same bytes the Node side builds: a cheap pattern, not random, so both agree. */
function patternBytes(size) {
  const bytes = new Uint8Array(size);
  for (let index = 0; index < size; index++) bytes[index] = (index * 31 + (index >> 13)) & 255;
  return bytes;
}

window.runHash = async ({ size, disableWorker }) => {
  const blob = new Blob([patternBytes(size)]);
  const progress = [];
  let ticks = 0;
  // A main-thread timer keeps ticking only if hashing does not block the page.
  const timer = setInterval(() => ticks++, 5);
  const started = performance.now();
  const digest = await hashBlob(blob, {
    disableWorker,
    sliceSize: 1024 * 1024,
    onProgress: (loaded) => progress.push(loaded),
  });
  clearInterval(timer);
  return {
    digest,
    progress,
    ticks,
    inWorker: hashBlobDiagnostics.lastRunInWorker,
    milliseconds: performance.now() - started,
  };
};

window.runIncremental = async ({ size }) => {
  const bytes = patternBytes(size);
  const hash = createSha256();
  for (let start = 0; start < size; start += 65_537)
    hash.update(bytes.subarray(start, start + 65_537));
  return hash.digest();
};

window.runAbort = async ({ size }) => {
  const controller = new AbortController();
  const blob = new Blob([patternBytes(size)]);
  try {
    await hashBlob(blob, {
      signal: controller.signal,
      sliceSize: 1024 * 1024,
      onProgress: () => controller.abort(new Error("stopped by the page")),
    });
    return "not aborted";
  } catch (error) {
    return error.message;
  }
};
