/** Reply bytes gathered into one chunk of a streamed body by default: 1 MiB. */
const defaultReplyChunkSize = 1024 * 1024;

/** Options of {@link coalescedReplyStream}. */
export interface CoalescedReplyStreamOptions {
  /** Bytes gathered before a chunk is handed on. Default 1 MiB. */
  chunkSize?: number;
  /** Called when the reader cancels the stream: destroy the underlying reply there. */
  onCancel?: (reason: unknown) => void;
}

/**
 * A reply body (the chunks a `node:http` reply yields, in any runtime) as a web
 * stream of about `chunkSize` bytes per chunk: the network hands over 16–64 KiB at
 * a time, and gathering them means far fewer reads, hash updates and writes
 * downstream. Chunks are read only as the stream is pulled (backpressure).
 */
export function coalescedReplyStream(
  chunks: AsyncIterable<Uint8Array>,
  options: CoalescedReplyStreamOptions = {},
): ReadableStream<Uint8Array> {
  const chunkSize = options.chunkSize ?? defaultReplyChunkSize;
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const gathered: Uint8Array[] = [];
      let bytes = 0;
      while (bytes < chunkSize) {
        const { done, value } = await iterator.next();
        if (done) break;
        gathered.push(value);
        bytes += value.byteLength;
      }
      if (bytes > 0) controller.enqueue(concatBytes(gathered, bytes));
      if (bytes < chunkSize) controller.close();
    },
    cancel(reason) {
      options.onCancel?.(reason);
    },
  });
}

/** A whole reply body decoded as UTF-8 (storage replies with text are small). */
export async function readReplyText(chunks: AsyncIterable<Uint8Array | string>): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of chunks) {
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * Reply headers as `node:http` gives them (lower-case names, repeated values as
 * arrays) turned into web `Headers`, as `StorageResponse` carries them.
 */
export function headersFromRecord(
  record: Record<string, string | string[] | number | undefined>,
): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : String(value));
  }
  return headers;
}

/** `chunks` (of `length` bytes in all) as one array; a single chunk is passed on as is. */
export function concatBytes(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}
