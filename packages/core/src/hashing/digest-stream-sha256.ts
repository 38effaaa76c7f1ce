/**
 * A `Sha256` on Cloudflare's `crypto.DigestStream` (Workers, workerd): the
 * runtime's native hashing, fed incrementally, where Web Crypto alone can only
 * hash a whole buffer at once.
 */
import type { Sha256 } from "../platform";

/** What workerd's `crypto.DigestStream` is: a byte sink whose `digest` settles once it is closed. */
interface DigestStream extends WritableStream<ArrayBufferView> {
  /** The hash of every byte written, once the stream is closed. */
  readonly digest: Promise<ArrayBuffer>;
}

type DigestStreamConstructor = new (algorithm: string) => DigestStream;

/** `crypto.DigestStream` where the runtime has one, read through an untyped view of the global. */
function findDigestStream(): DigestStreamConstructor | undefined {
  const webCrypto = (globalThis as { crypto?: { DigestStream?: unknown } }).crypto;
  const candidate = webCrypto?.DigestStream;
  return typeof candidate === "function" ? (candidate as DigestStreamConstructor) : undefined;
}

/**
 * Feeds a `DigestStream` through one writer. `update` is synchronous, so each
 * write is queued without waiting for it; the stream applies queued writes in
 * order, and `digest` closes it, which waits for them all.
 */
class DigestStreamSha256 implements Sha256 {
  private readonly stream: DigestStream;
  private readonly writer: WritableStreamDefaultWriter<ArrayBufferView>;
  private result: Promise<string> | undefined;

  constructor(stream: DigestStream) {
    this.stream = stream;
    this.writer = stream.getWriter();
    // A failed write errors the stream: `close` (in `digest`) then rejects with the
    // same error. Until then, these handlers keep the rejections from being
    // reported as unhandled.
    stream.digest.catch(() => {});
  }

  update(chunk: Uint8Array): void {
    if (this.result !== undefined) throw new Error("SHA-256: update() after the digest was read");
    if (chunk.byteLength === 0) return;
    // A copy, because the stream may read the bytes after `update` returns, and
    // by then a caller may have refilled its buffer (a stream reader that reuses
    // one, a file read loop).
    this.writer.write(chunk.slice()).catch(() => {});
  }

  digest(): Promise<string> {
    this.result ??= this.finish();
    return this.result;
  }

  private async finish(): Promise<string> {
    await this.writer.close();
    const bytes = new Uint8Array(await this.stream.digest);
    let hex = "";
    for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
    return hex;
  }
}

/**
 * A fresh incremental SHA-256 on the runtime's `crypto.DigestStream` (Cloudflare
 * Workers and workerd), or `undefined` where there is none or it refuses SHA-256.
 */
export function createDigestStreamSha256(): Sha256 | undefined {
  const NativeDigestStream = findDigestStream();
  if (NativeDigestStream === undefined) return undefined;
  let stream: DigestStream;
  try {
    stream = new NativeDigestStream("SHA-256");
  } catch {
    return undefined;
  }
  return new DigestStreamSha256(stream);
}
