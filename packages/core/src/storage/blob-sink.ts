import type { DownloadSink } from "../platform";

/** A download sink that collects into a `Blob`; read it with `blob()` after `commit`. */
export interface BlobSink extends DownloadSink {
  /** The downloaded file, available once committed. */
  blob(): Blob;
}

/**
 * Collects a download into a `Blob` made of one Blob per received chunk, not one
 * giant `ArrayBuffer`, so a browser can keep large parts out of the JS heap.
 * Chunks may arrive out of order (parallel ranges); they are ordered by position.
 * The whole file is held in memory: for large files, stream to a `WritableStream`.
 */
export function createBlobSink(options: { type?: string } = {}): BlobSink {
  let parts: Array<{ position: number; part: Blob }> = [];
  let result: Blob | undefined;
  return {
    async write(chunk, position) {
      // Each chunk becomes a Blob at once: the Blob holds a copy, since the chunk is
      // only lent until this write settles (its buffer may then be reused).
      parts.push({ position, part: new Blob([chunk as Uint8Array<ArrayBuffer>]) });
    },
    async commit() {
      parts.sort((left, right) => left.position - right.position);
      result = new Blob(
        parts.map(({ part }) => part),
        { type: options.type ?? "application/octet-stream" },
      );
      parts = [];
    },
    async abort() {
      parts = [];
      result = undefined;
    },
    blob() {
      if (!result) throw new Error("The download has not completed: no Blob yet");
      return result;
    },
  };
}
