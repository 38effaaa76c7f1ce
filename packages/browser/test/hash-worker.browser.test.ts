import { hashBlob, hashBlobDiagnostics } from "@luml/browser";
import { afterEach, describe, expect, inject, test, vi } from "vitest";
import { patternBytes } from "./hash-cases";

const { small } = inject("hashCases");
const mebibyte = 1024 * 1024;

/**
 * Every Web Worker this page starts, with the hash requests posted to it and whether
 * it was terminated. The page's own `Worker` is wrapped (each one is still a real
 * worker), so a hash that runs on a worker cannot go unseen.
 */
const workers: CountingWorker[] = [];

class CountingWorker extends Worker {
  requests = 0;
  terminated = false;

  constructor(url: string | URL, options?: WorkerOptions) {
    super(url, options);
    workers.push(this);
  }

  override postMessage(message: unknown, options?: Transferable[] | StructuredSerializeOptions) {
    this.requests++;
    if (Array.isArray(options)) super.postMessage(message, options);
    else super.postMessage(message, options);
  }

  override terminate(): void {
    this.terminated = true;
    super.terminate();
  }
}

globalThis.Worker = CountingWorker;

/** The workers started and the requests posted since `snapshot()`. */
function snapshot() {
  const started = workers.length;
  const requests = workers.map((worker) => worker.requests);
  return {
    /** Workers constructed since the snapshot. */
    started: () => workers.slice(started),
    /** Workers (old or new) that were sent a hash since the snapshot, with how many. */
    used: () =>
      workers
        .map((worker, index) => ({ worker, requests: worker.requests - (requests[index] ?? 0) }))
        .filter(({ requests }) => requests > 0),
  };
}

/** The one worker sent a hash since `since`, checked to be the only one, sent one hash. */
function onlyWorkerUsed(since: ReturnType<typeof snapshot>): CountingWorker {
  const used = since.used();
  expect(used.map(({ requests }) => requests)).toEqual([1]);
  return used[0]?.worker as CountingWorker;
}

/** The small case's blob and digest (3 MB, odd-sized). */
const smallBlob = () => new Blob([patternBytes(small.size)]);

afterEach(() => {
  vi.useRealTimers();
});

/**
 * Runs `work` while a main-thread timer ticks every millisecond, and measures how long
 * the page was frozen: the longest gap between ticks, and the time spent in gaps over
 * 50 ms (a long task, in the browser's own terms). On a busy machine any gap can grow a
 * little; a main thread that hashes cannot tick at all until its hashing yields.
 */
async function watchMainThread<T>(work: () => Promise<T>) {
  const ticks: number[] = [];
  const start = performance.now();
  const timer = setInterval(() => ticks.push(performance.now()), 1);
  const result = await work().finally(() => clearInterval(timer));
  const end = performance.now();
  let longestGap = 0;
  let frozen = 0;
  let previous = start;
  for (const stamp of [...ticks, end]) {
    const gap = stamp - previous;
    previous = stamp;
    longestGap = Math.max(longestGap, gap);
    if (gap > 50) frozen += gap;
  }
  return { result, total: end - start, longestGap, frozen, ticks: ticks.length };
}

describe("hashBlob's worker in Chromium", () => {
  test("keeps the page responsive while a 96 MiB Blob hashes; disableWorker hashes on the main thread", async () => {
    // 96 MiB made of one 8 MiB pattern.
    const part = patternBytes(8 * mebibyte);
    const blob = new Blob(Array.from({ length: 12 }, () => part));
    // Loads the hashing code and compiles the WebAssembly before anything is measured.
    await hashBlob(smallBlob());

    // One slice for the whole Blob: the main-thread fallback would not yield until the
    // end, so only a hash that runs elsewhere leaves the page's timers running.
    const sliceSize = blob.size;
    const inWorker = snapshot();
    const onWorker = await watchMainThread(() => hashBlob(blob, { sliceSize }));
    expect(hashBlobDiagnostics.lastRunInWorker).toBe(true);
    onlyWorkerUsed(inWorker);

    const onMainThread = snapshot();
    const blocking = await watchMainThread(() =>
      hashBlob(blob, { sliceSize, disableWorker: true }),
    );
    expect(hashBlobDiagnostics.lastRunInWorker).toBe(false);
    // No worker was started or sent anything: the bytes were hashed in this page.
    expect(onMainThread.started()).toEqual([]);
    expect(onMainThread.used()).toEqual([]);

    const report = (run: typeof onWorker) =>
      `${run.total.toFixed(0)} ms, longest gap ${run.longestGap.toFixed(0)} ms, frozen ${run.frozen.toFixed(0)} ms, ${run.ticks} ticks`;
    console.info(`worker: ${report(onWorker)}; main thread: ${report(blocking)}`);
    // The measurement sees a hashing main thread: frozen for most of the hash (90-100 %
    // on a loaded 2-core machine; ticks come only while the Blob's bytes are awaited).
    expect(blocking.frozen).toBeGreaterThan(blocking.total / 2);
    // With the worker the page keeps running: on that machine, frozen for up to about a
    // quarter of the hash (its main thread waiting for a core), in gaps of up to a tenth.
    expect(onWorker.frozen).toBeLessThan(onWorker.total / 2);
    expect(onWorker.longestGap).toBeLessThan(onWorker.total / 3);

    // Both hashed every byte: the browser's own SHA-256 agrees.
    const expected = Array.from(
      new Uint8Array(await crypto.subtle.digest("SHA-256", await blob.arrayBuffer())),
      (byte) => byte.toString(16).padStart(2, "0"),
    ).join("");
    expect(onWorker.result).toBe(expected);
    expect(blocking.result).toBe(expected);
  });

  test("a second hash right after the first reuses its worker", async () => {
    const since = snapshot();
    expect(await hashBlob(smallBlob())).toBe(small.sha256);
    expect(await hashBlob(smallBlob())).toBe(small.sha256);
    expect(hashBlobDiagnostics.lastRunInWorker).toBe(true);

    // Both hashes went to one worker (started here or kept from an earlier test), which
    // is kept for the next one.
    const used = since.used();
    expect(used.map(({ requests }) => requests)).toEqual([2]);
    expect(used[0]?.worker.terminated).toBe(false);
    expect(since.started().length).toBeLessThanOrEqual(1);
  });

  test("an idle worker is terminated 10 s after its hash, and the next hash starts a new one", async () => {
    // The page's clock is faked (timers only) so the 10 s pass at once; timers set before
    // (an idle worker's from an earlier test) are cleared for real.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"], shouldClearNativeTimers: true });
    const since = snapshot();
    expect(await hashBlob(smallBlob())).toBe(small.sha256);
    const worker = onlyWorkerUsed(since);

    vi.advanceTimersByTime(9_999);
    expect(worker.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(worker.terminated).toBe(true);
    vi.useRealTimers();

    const next = snapshot();
    expect(await hashBlob(smallBlob())).toBe(small.sha256);
    expect(hashBlobDiagnostics.lastRunInWorker).toBe(true);
    const started = next.started();
    expect(started).toHaveLength(1);
    expect(onlyWorkerUsed(next)).toBe(started[0]);
  });

  test("two hashes at once run on two workers; one is kept, the other terminated", async () => {
    const since = snapshot();
    const digests = await Promise.all([hashBlob(smallBlob()), hashBlob(smallBlob())]);
    expect(digests).toEqual([small.sha256, small.sha256]);

    const used = since.used();
    expect(used.map(({ requests }) => requests)).toEqual([1, 1]);
    const kept = used.filter(({ worker }) => !worker.terminated).map(({ worker }) => worker);
    expect(kept).toHaveLength(1);

    // The kept one takes the next hash.
    const next = snapshot();
    expect(await hashBlob(smallBlob())).toBe(small.sha256);
    expect(next.started()).toEqual([]);
    expect(onlyWorkerUsed(next)).toBe(kept[0]);
  });

  test("an aborted hash's worker is terminated, not reused", async () => {
    const since = snapshot();
    const controller = new AbortController();
    await expect(
      hashBlob(new Blob([patternBytes(16 * mebibyte)]), {
        signal: controller.signal,
        sliceSize: mebibyte,
        onProgress: () => controller.abort(new Error("stopped by the page")),
      }),
    ).rejects.toThrow("stopped by the page");
    expect(onlyWorkerUsed(since).terminated).toBe(true);

    const next = snapshot();
    expect(await hashBlob(smallBlob())).toBe(small.sha256);
    const started = next.started();
    expect(started).toHaveLength(1);
    expect(onlyWorkerUsed(next)).toBe(started[0]);
  });
});
