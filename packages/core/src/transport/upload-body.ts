/** Bytes per chunk when counting progress over an in-memory body. */
const chunkSize = 64 * 1024;

/** The byte length of a storage request body. */
export function bodyLength(body: Blob | Uint8Array | string): number {
  if (typeof body === "string") return new TextEncoder().encode(body).byteLength;
  if (body instanceof Uint8Array) return body.byteLength;
  return body.size;
}

/**
 * A stream of `body`'s bytes that reports how many were handed on so far. Pieces
 * are counted as the consumer pulls them (one 64 KiB piece a pull), not as the
 * source yields them: a source that yields one large chunk must not report it all
 * sent at once. Blobs are read lazily, so a file-backed blob is never loaded whole.
 *
 * `release()` cancels the source whatever the consumer did: `fetch` does not always
 * cancel a body it stopped reading (a refused connection, an early reply), and a
 * file-backed source would keep its file open.
 */
export function countingStream(
  body: Blob | Uint8Array | string,
  onProgress: (loaded: number) => void,
): { stream: ReadableStream<Uint8Array>; release: () => Promise<void> } {
  const reader = sourceStream(body).getReader();
  const release = () => reader.cancel().catch(() => {});
  let current: Uint8Array | undefined;
  let offset = 0;
  let loaded = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (!current || offset >= current.byteLength) {
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            return;
          }
          current = value;
          offset = 0;
        }
        const piece = current.subarray(offset, Math.min(offset + chunkSize, current.byteLength));
        offset += piece.byteLength;
        loaded += piece.byteLength;
        controller.enqueue(piece);
        onProgress(loaded);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, release };
}

function sourceStream(body: Blob | Uint8Array | string): ReadableStream<Uint8Array> {
  // Blob-shaped bodies (a runtime's lazy file-backed blob) need not extend Blob.
  if (typeof body !== "string" && !(body instanceof Uint8Array)) return body.stream();
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) {
        controller.close();
        return;
      }
      const end = Math.min(offset + chunkSize, bytes.byteLength);
      controller.enqueue(bytes.subarray(offset, end));
      offset = end;
    },
  });
}
