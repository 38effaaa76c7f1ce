/** Stream helpers for the edge cases: a destination that records how it ended, and a reader. */

/** How a `WritableStream` given to a download ended. */
export type StreamState = "open" | "closed" | "aborted";

/** A `WritableStream` that keeps what is written and how it ended. */
export interface CollectingStream {
  stream: WritableStream<Uint8Array>;
  /** Every byte written, in order. */
  bytes(): Uint8Array;
  state(): StreamState;
  /** What the stream was aborted with, if it was. */
  abortReason(): unknown;
}

/** A fresh `CollectingStream`. */
export function collectingStream(): CollectingStream {
  const chunks: Uint8Array[] = [];
  let state: StreamState = "open";
  let reason: unknown;
  const stream = new WritableStream<Uint8Array>({
    write(chunk) {
      // A copy: the writer may reuse its buffer once the write settles.
      chunks.push(chunk.slice());
    },
    close() {
      state = "closed";
    },
    abort(abortReason) {
      state = "aborted";
      reason = abortReason;
    },
  });
  return {
    stream,
    bytes: () => concatenate(chunks),
    state: () => state,
    abortReason: () => reason,
  };
}

/** Reads `stream` to its end; rejects with the error it ends with instead. */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concatenate(chunks);
    chunks.push(value);
  }
}

/** One array of every chunk's bytes, in order. */
export function concatenate(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
