/** Bytes per chunk when counting progress over an in-memory body. */
const chunkSize = 64 * 1024;

/** The byte length of a storage request body. */
export function bodyLength(body: Blob | Uint8Array | string): number {
  if (typeof body === "string") return new TextEncoder().encode(body).byteLength;
  if (body instanceof Uint8Array) return body.byteLength;
  return body.size;
}

/**
 * A stream of `body`'s bytes that reports how many were handed to the network
 * so far. Blobs are read lazily, so a file-backed blob is never loaded whole.
 */
export function countingStream(
  body: Blob | Uint8Array | string,
  onProgress: (loaded: number) => void,
): ReadableStream<Uint8Array> {
  const source = sourceStream(body);
  let loaded = 0;
  return source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        // Large chunks are split so progress moves in steps a person can see.
        for (let offset = 0; offset < chunk.byteLength; offset += chunkSize) {
          const piece = chunk.subarray(offset, Math.min(offset + chunkSize, chunk.byteLength));
          controller.enqueue(piece);
          loaded += piece.byteLength;
          onProgress(loaded);
        }
      },
    }),
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
