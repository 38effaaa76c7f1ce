/** The part of Bun's global that {@link collectingInBun} uses. */
export interface BunCollector {
  gc(force: boolean): void;
}

/** Options of {@link collectingInBun}; the defaults are what downloads use. */
export interface CollectionPace {
  /** Chunks taken between two collections, at least. Default 16 (16 MiB of download). */
  chunks?: number;
  /** The share of the time forced collections may take, at most. Default 0.1. */
  timeShare?: number;
  /** The clock, in milliseconds. Default `performance.now`. */
  now?: () => number;
}

/**
 * `take` (a download's next reply buffer), with a full collection in Bun every so
 * often. Bun's sockets read into buffers of their own before the bytes are copied
 * into the reply chunks, and its collector frees them late: a 4 GiB download
 * peaked at 100–110 MiB with no forced collection, 97–103 MiB with one every
 * 64 MiB and 82–85 MiB with one every 16 MiB, at the same speed. (A hint,
 * `gc(false)`, changed nothing.)
 *
 * A collection scans the whole heap: 7–8 ms during a download with the SDK's own
 * heap, 400 ms in an app that holds 3 million objects. So after the first, each
 * waits, besides the chunks, until the last one's time is at most `timeShare` of
 * the time since it began: forced collections cost a download one collection plus
 * at most a tenth of its time, whatever the app holds. With the SDK's heap that
 * is one every 16–20 MiB, and the 4 GiB download peaked at 88–95 MiB.
 */
export function collectingInBun(
  take: () => Uint8Array,
  bun: BunCollector,
  pace: CollectionPace = {},
): () => Uint8Array {
  const { chunks = 16, timeShare = 0.1, now = () => performance.now() } = pace;
  let taken = 0;
  let nextAt = Number.NEGATIVE_INFINITY;
  return () => {
    taken += 1;
    if (taken >= chunks) {
      const started = now();
      if (started >= nextAt) {
        bun.gc(true);
        const took = now() - started;
        nextAt = started + took / timeShare;
        taken = 0;
      }
    }
    return take();
  };
}
