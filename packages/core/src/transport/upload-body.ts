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
 */
export function countingStream(
  body: Blob | Uint8Array | string,
  onProgress: (loaded: number) => void,
): ReadableStream<Uint8Array> {
  const reader = sourceStream(body).getReader();
  let current: Uint8Array | undefined;
  let offset = 0;
  let loaded = 0;
  return new ReadableStream<Uint8Array>(
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
