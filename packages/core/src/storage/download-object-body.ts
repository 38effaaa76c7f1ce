/** `downloadObject`'s work, loaded on the first download. */
import type { DownloadSink, Sha256 } from "../platform";
import type { Transport } from "../transport/transport";
import {
  type DownloadObjectOptions,
  defaultDownloadPartSize,
  defaultMaxResumes,
} from "./download-object";
import { fetchRange } from "./fetch-range";
import { PartsProgress, PhaseProgress } from "./progress";
import { runBounded } from "./run-bounded";

/** Bytes gathered before one sink write: fewer, larger writes are much cheaper. */
const writeBatchSize = 1024 * 1024;
/** Sink writes running at once while the next bytes arrive. */
const writesInFlight = 2;
/** Downloads an object into a sink while hashing it; returns the sha256 hex. */
export async function downloadObjectNow(
  transport: Transport,
  options: DownloadObjectOptions,
): Promise<string> {
  const progress = new PhaseProgress("downloading", options.size, options.onProgress);
  progress.report(0);
  const concurrency = options.concurrency ?? 1;
  const partSize = options.partSize ?? defaultDownloadPartSize;
  if (concurrency > 1 && options.size > partSize) {
    await downloadInParallel(transport, options, concurrency, partSize, progress);
  } else {
    await downloadInOneStream(transport, options, progress);
  }
  progress.finish();
  return options.sha256.digest();
}

async function downloadInOneStream(
  transport: Transport,
  options: DownloadObjectOptions,
  progress: PhaseProgress,
): Promise<void> {
  const batch = new WriteBatch(options.sink);
  await fetchRange(transport, {
    url: options.url,
    start: 0,
    end: options.size,
    whole: true,
    maxResumes: options.maxResumes ?? defaultMaxResumes,
    signal: options.signal,
    onChunk: async (chunk, position) => {
      options.sha256.update(chunk);
      await batch.add(chunk, position);
      progress.report(position + chunk.byteLength);
    },
  });
  await batch.flush();
}

/**
 * Fetches ranges in parallel and writes each where it belongs. The hash needs the
 * bytes in file order, so a finished range waits in memory until every range
 * before it is hashed; ranges are only started within a window ahead of the
 * hashing cursor, which bounds memory to about `2 × concurrency × partSize`.
 */
async function downloadInParallel(
  transport: Transport,
  options: DownloadObjectOptions,
  concurrency: number,
  partSize: number,
  progress: PhaseProgress,
): Promise<void> {
  const ranges = splitRanges(options.size, partSize);
  const partsProgress = new PartsProgress(progress);
  const hasher = new InOrderHasher(options.sha256, 2 * concurrency);
  await runBounded(
    ranges,
    concurrency,
    async (range, signal) => {
      await hasher.waitForTurn(range.index, signal);
      const chunks: Uint8Array[] = [];
      const batch = new WriteBatch(options.sink);
      await fetchRange(transport, {
        url: options.url,
        start: range.start,
        end: range.end,
        whole: false,
        maxResumes: options.maxResumes ?? defaultMaxResumes,
        signal,
        onChunk: async (chunk, position) => {
          chunks.push(chunk);
          await batch.add(chunk, position);
          partsProgress.update(range.index, position + chunk.byteLength - range.start);
        },
      });
      await batch.flush();
      hasher.complete(range.index, chunks);
    },
    options.signal,
  );
}

interface ByteRange {
  index: number;
  start: number;
  end: number;
}

function splitRanges(size: number, partSize: number): ByteRange[] {
  const ranges: ByteRange[] = [];
  for (let start = 0, index = 0; start < size; start += partSize, index++) {
    ranges.push({ index, start, end: Math.min(start + partSize, size) });
  }
  return ranges;
}

/** Feeds ranges finished out of order to the hash in order. */
class InOrderHasher {
  private next = 0;
  private readonly finished = new Map<number, Uint8Array[]>();
  private waiters: Array<() => void> = [];

  constructor(
    private readonly sha256: Sha256,
    private readonly window: number,
  ) {}

  /** Resolves once range `index` is within the window ahead of the hashing cursor. */
  async waitForTurn(index: number, signal: AbortSignal): Promise<void> {
    while (index >= this.next + this.window) {
      if (signal.aborted) throw signal.reason;
      await new Promise<void>((resolve) => {
        const onAbort = () => resolve();
        signal.addEventListener("abort", onAbort, { once: true });
        this.waiters.push(() => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        });
      });
    }
  }

  /** Records a finished range and hashes every range now contiguous with the cursor. */
  complete(index: number, chunks: Uint8Array[]): void {
    this.finished.set(index, chunks);
    let advanced = false;
    for (let ready = this.finished.get(this.next); ready; ready = this.finished.get(this.next)) {
      for (const chunk of ready) this.sha256.update(chunk);
      this.finished.delete(this.next);
      this.next += 1;
      advanced = true;
    }
    if (!advanced) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/**
 * Gathers consecutive chunks and writes them to the sink in larger pieces. Up to
 * `writesInFlight` writes run while the next batch is read and hashed, so the
 * disk and the network overlap; memory stays bounded to a few batches.
 */
class WriteBatch {
  private chunks: Uint8Array[] = [];
  private bytes = 0;
  private position = 0;
  private pending: Promise<void>[] = [];
  private failure: { error: unknown } | undefined;

  constructor(private readonly sink: DownloadSink) {}

  async add(chunk: Uint8Array, position: number): Promise<void> {
    if (this.bytes === 0) this.position = position;
    this.chunks.push(chunk);
    this.bytes += chunk.byteLength;
    if (this.bytes >= writeBatchSize) await this.start();
  }

  /** Writes what is gathered and waits until every write has finished. */
  async flush(): Promise<void> {
    await this.start();
    await this.settle(0);
  }

  private async start(): Promise<void> {
    await this.settle(writesInFlight - 1);
    if (this.bytes === 0) return;
    const data =
      this.chunks.length === 1 ? (this.chunks[0] as Uint8Array) : concat(this.chunks, this.bytes);
    const position = this.position;
    this.chunks = [];
    this.bytes = 0;
    // Caught here so a failure is never unhandled; it is rethrown by the next call.
    this.pending.push(
      this.sink.write(data, position).catch((error: unknown) => {
        this.failure ??= { error };
      }),
    );
  }

  /** Waits until at most `left` writes are running; rethrows a failed write. */
  private async settle(left: number): Promise<void> {
    while (this.pending.length > left) await this.pending.shift();
    if (this.failure) throw this.failure.error;
  }
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const data = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return data;
}
