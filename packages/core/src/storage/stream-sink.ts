import { FileDownloadError } from "../errors";
import type { DownloadSink } from "../platform";

/**
 * A download sink that writes into a `WritableStream` (a `Response` body being
 * streamed by a worker, a file stream…), in order. The end is what makes it safe to
 * pipe unverified bytes onwards: the last bytes go out, and the stream is closed,
 * only once the sha256 matched; on a mismatch or any failure it is aborted with the
 * error, so whoever reads the other side sees an error or a short body, never a
 * clean end of a corrupt file.
 */
export function createStreamSink(stream: WritableStream<Uint8Array>): DownloadSink {
  const writer = stream.getWriter();
  let next = 0;
  let ended = false;
  // The last bytes are held back until the hash matched: when the other side declares
  // the length (a `FixedLengthStream` response), everything written counts as a
  // complete body, and an abort after the last byte would change nothing for the
  // reader. Held back, a mismatch leaves the body short, which the reader sees.
  let heldBack: Uint8Array | undefined;
  return {
    sequential: true,
    async write(chunk, position) {
      if (position !== next) {
        throw new FileDownloadError({
          message: `A stream receives bytes in order: got byte ${position} where ${next} was next`,
        });
      }
      next += chunk.byteLength;
      const previous = heldBack;
      // A copy: the chunk is only lent until this write settles (its buffer then goes
      // to the hash, which may move it to a worker or refill it with later bytes),
      // while the stream's reader holds what it was given for as long as it likes.
      heldBack = chunk.slice();
      if (previous) await writer.write(previous);
    },
    async commit() {
      ended = true;
      if (heldBack) await writer.write(heldBack);
      heldBack = undefined;
      await writer.close();
    },
    async abort(reason) {
      if (ended) return;
      ended = true;
      heldBack = undefined;
      await writer.abort(reason).catch(() => {});
    },
  };
}

/** Whether `value` is a `WritableStream` (from any realm). */
export function isWritableStream(value: unknown): value is WritableStream<Uint8Array> {
  if (typeof WritableStream !== "undefined" && value instanceof WritableStream) return true;
  const candidate = value as Partial<WritableStream> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.getWriter === "function" &&
    typeof candidate.abort === "function"
  );
}
