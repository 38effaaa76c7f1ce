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
  // Each batch is hashed once it is written, in file order.
  const hashing = new OrderedHashing(options.sha256);
  const batch = new WriteBatch(options.sink, (data) => hashing.add(data));
  await fetchRange(transport, {
    url: options.url,
    start: 0,
    end: options.size,
    whole: true,
    maxResumes: options.maxResumes ?? defaultMaxResumes,
    signal: options.signal,
    onChunk: async (chunk, position) => {
      const end = position + chunk.byteLength;
      await batch.add(chunk, position);
      progress.report(end);
    },
  });
  await batch.flush();
  await hashing.settled();
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
  const hasher = new InOrderHasher(new OrderedHashing(options.sha256), 2 * concurrency);
  await runBounded(
    ranges,
    concurrency,
    async (range, signal) => {
      await hasher.waitForTurn(range.index, signal);
      // The range's bytes as written, kept until the ranges before it are hashed.
      const written: Uint8Array[] = [];
      const batch = new WriteBatch(options.sink, (data) => {
        written.push(data);
      });
      await fetchRange(transport, {
        url: options.url,
        start: range.start,
        end: range.end,
        whole: false,
        maxResumes: options.maxResumes ?? defaultMaxResumes,
        signal,
        onChunk: async (chunk, position) => {
          const end = position + chunk.byteLength;
          await batch.add(chunk, position);
          partsProgress.update(range.index, end - range.start);
        },
      });
      await batch.flush();
      hasher.complete(range.index, written);
    },
    options.signal,
  );
  await hasher.settled();
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
    private readonly hashing: OrderedHashing,
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
      for (const chunk of ready) this.hashing.add(chunk);
      this.finished.delete(this.next);
      this.next += 1;
      advanced = true;
    }
    if (!advanced) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Waits until every range handed over is hashed; rethrows a failed update. */
  settled(): Promise<void> {
    return this.hashing.settled();
  }
}

/**
 * Feeds written bytes to the hash in the order they are added. An update may run
 * elsewhere (a worker thread) and ask the caller to wait by returning a promise:
 * the next update starts once it settles, and `add` returns that promise so a
 * writer falling behind the hash slows down instead of queueing without bound.
 */
class OrderedHashing {
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly sha256: Sha256) {}

  /** Hashes `data` after everything added before; the hash may take the bytes. */
  add(data: Uint8Array): Promise<void> {
    this.last = this.last.then(() => this.sha256.update(data));
    // Reported by `settled` (or by the caller awaiting `add`), never as unhandled.
    this.last.catch(() => {});
    return this.last;
  }

  /** Settles once every update has run; rejects with the first failure. */
  settled(): Promise<void> {
    return this.last;
  }
}

/**
 * Gathers consecutive chunks and writes them to the sink in larger pieces. Up to
 * `writesInFlight` writes run while the next batch is read, so the disk and the
 * network overlap; memory stays bounded to a few batches. Once a batch is written
 * it goes to `written`, which may take the bytes (hand them to a hash running in a
 * worker thread): nothing here touches a batch after its write.
 */
class WriteBatch {
  private chunks: Uint8Array[] = [];
  private bytes = 0;
  private position = 0;
  private pending: Promise<void>[] = [];
  private handedOn: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly sink: DownloadSink,
    private readonly written: (data: Uint8Array) => void | Promise<void>,
  ) {}

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
    const write = this.sink.write(data, position);
    // Handed on in batch order, each once its own write is done (writes may finish
    // out of order).
    this.handedOn = Promise.all([this.handedOn, write]).then(() => this.written(data));
    this.pending.push(
      this.handedOn.catch((error: unknown) => {
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
