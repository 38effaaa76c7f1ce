import type { DownloadSink } from "../platform";

/** A download sink that collects into a `Blob`; read it with `blob()` after `commit`. */
export interface BlobSink extends DownloadSink {
  /** The downloaded file, available once committed. */
  blob(): Blob;
}

/**
 * Collects a download into a `Blob` made of the received chunks as Blob parts, not
 * one giant `ArrayBuffer`, so a browser can keep large parts out of the JS heap.
 * Chunks may arrive out of order (parallel ranges); they are ordered by position.
 * The whole file is held in memory: for large files, stream to a `WritableStream`.
 */
export function createBlobSink(options: { type?: string } = {}): BlobSink {
  let chunks: Array<{ position: number; chunk: Uint8Array }> = [];
  let result: Blob | undefined;
  return {
    async write(chunk, position) {
      chunks.push({ position, chunk });
    },
    async commit() {
      chunks.sort((left, right) => left.position - right.position);
      result = new Blob(
        chunks.map(({ chunk }) => chunk as Uint8Array<ArrayBuffer>),
        { type: options.type ?? "application/octet-stream" },
      );
      chunks = [];
    },
    async abort() {
      chunks = [];
      result = undefined;
    },
    blob() {
      if (!result) throw new Error("The download has not completed: no Blob yet");
      return result;
    },
  };
}
