import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";

/** Bytes read per step when a file blob is streamed. */
export const fileReadSize = 1024 * 1024;

/**
 * A lazy, file-backed `Blob` over bytes `[start, end)` of a file on disk. Nothing
 * is read until its bytes are asked for, `slice` is free, and sizes and offsets
 * are plain numbers, so files of 4 GiB and more work (Node 20's `fs.openAsBlob`
 * wraps their size at 4 GiB). It is a real `Blob` subclass: `instanceof Blob`
 * holds and `fetch` sends it through `stream()` with `size` as its length.
 */
export class FileBlob extends Blob {
  /** The file this blob reads from. */
  readonly path: string;
  /** Offset in the file of this blob's first byte. */
  readonly start: number;
  readonly #size: number;
  readonly #type: string;

  /** Wraps bytes `[start, end)` of the file at `path`; `openSource` gives whole files. */
  constructor(path: string, start: number, end: number, type = "") {
    super([]);
    this.path = path;
    this.start = start;
    this.#size = Math.max(0, end - start);
    this.#type = type;
  }

  /** Byte length of this blob. */
  override get size(): number {
    return this.#size;
  }

  /** MIME type; empty unless given to `slice`. */
  override get type(): string {
    return this.#type;
  }

  /** Offset in the file just past this blob's last byte. */
  get end(): number {
    return this.start + this.#size;
  }

  /** A view of bytes `[start, end)` of this blob, with `Blob.slice` semantics. */
  override slice(start?: number, end?: number, contentType?: string): FileBlob {
    const from = clampIndex(start ?? 0, this.#size);
    const to = clampIndex(end ?? this.#size, this.#size);
    return new FileBlob(
      this.path,
      this.start + from,
      this.start + Math.max(from, to),
      contentType ?? "",
    );
  }

  /**
   * A Node stream of the range in 1 MiB reads: what the Node storage transport
   * pipes into a request, with backpressure.
   */
  nodeStream(): Readable {
    if (this.#size === 0) return Readable.from([]);
    return createReadStream(this.path, {
      start: this.start,
      end: this.end - 1,
      highWaterMark: fileReadSize,
    });
  }

  /** The range as a web stream, read lazily in 1 MiB steps. */
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    return Readable.toWeb(this.nodeStream()) as ReadableStream<Uint8Array<ArrayBuffer>>;
  }

  /** Reads the whole range into memory; callers keep ranges small (archive headers). */
  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    const buffer = new Uint8Array(this.#size);
    if (this.#size === 0) return buffer;
    const handle = await open(this.path, "r");
    try {
      let filled = 0;
      while (filled < this.#size) {
        const { bytesRead } = await handle.read(
          buffer,
          filled,
          this.#size - filled,
          this.start + filled,
        );
        if (bytesRead === 0) {
          throw new Error(`The file ended at byte ${this.start + filled} of ${this.end}`);
        }
        filled += bytesRead;
      }
    } finally {
      await handle.close();
    }
    return buffer;
  }

  /** Same bytes as {@link bytes}, as an `ArrayBuffer`. */
  override async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer;
  }

  /** The range decoded as UTF-8. */
  override async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }
}

/** A `Blob.slice` index: negative counts from the end, clamped to `[0, size]`. */
function clampIndex(index: number, size: number): number {
  const whole = Math.trunc(index) || 0;
  if (whole < 0) return Math.max(size + whole, 0);
  return Math.min(whole, size);
}
