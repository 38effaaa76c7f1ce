import { Readable } from "node:stream";
import { CheckedFile } from "./checked-file";
import { FileRangeStream } from "./file-range-stream";
import { fileRangeWebStream } from "./file-range-web-stream";
import type { FileSnapshot } from "./file-snapshot";

/**
 * A lazy, file-backed `Blob` over bytes `[start, end)` of a file on disk. Nothing
 * is read until its bytes are asked for, `slice` is free, and sizes and offsets
 * are plain numbers, so files of 4 GiB and more work (Node 20's `fs.openAsBlob`
 * wraps their size at 4 GiB). It is a real `Blob` subclass: `instanceof Blob`
 * holds and Node's `fetch` sends it through `stream()` with `size` as its length.
 * Bun's `fetch` reads only its own blobs' bytes and would send this one empty: there
 * send `stream()` with a `Content-Length` header, as core's fetch attempt does.
 *
 * A blob from `openSource` carries the file's snapshot from that moment (size,
 * times, identity): every read checks the file against it when it opens the file
 * and again before its last bytes, and a file found shorter than the range fails
 * at once, all with a `FileError` of code `changed`. Slices keep the snapshot.
 */
export class FileBlob extends Blob {
  /** The file this blob reads from. */
  readonly path: string;
  /** Offset in the file of this blob's first byte. */
  readonly start: number;
  /** What the file was when it was opened; reads fail with `changed` once it differs. */
  readonly snapshot: FileSnapshot | undefined;
  readonly #size: number;
  readonly #type: string;

  /**
   * Wraps bytes `[start, end)` of the file at `path`; `openSource` gives whole
   * files. Without a `snapshot` only a file found shorter than the range is caught.
   */
  constructor(path: string, start: number, end: number, type = "", snapshot?: FileSnapshot) {
    super([]);
    this.path = path;
    this.start = start;
    this.snapshot = snapshot;
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

  /**
   * A view of bytes `[start, end)` of this blob, with `Blob.slice` semantics.
   *
   * @example
   * ```ts
   * const file = new FileBlob("model.fnnx", 0, statSync("model.fnnx").size);
   * const firstHeader = file.slice(0, 512); // nothing is read yet
   * ```
   */
  override slice(start?: number, end?: number, contentType?: string): FileBlob {
    const from = clampIndex(start ?? 0, this.#size);
    const to = clampIndex(end ?? this.#size, this.#size);
    return new FileBlob(
      this.path,
      this.start + from,
      this.start + Math.max(from, to),
      contentType ?? "",
      this.snapshot,
    );
  }

  /**
   * A Node stream of the range in 1 MiB reads: what the Node storage transport
   * pipes into a request, with backpressure. A changed file is a stream error.
   *
   * @example
   * ```ts
   * await pipeline(file.nodeStream(), createWriteStream("copy.fnnx"));
   * ```
   */
  nodeStream(): Readable {
    if (this.#size === 0) return Readable.from([]);
    return new FileRangeStream(this.path, this.start, this.end, this.snapshot);
  }

  /**
   * The range as a web stream, read lazily in 128 KiB steps. A changed file is a stream error.
   *
   * @example
   * ```ts
   * await fetch(url, { method: "PUT", body: file.stream(), duplex: "half", headers: { "content-length": String(file.size) } });
   * ```
   */
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    return fileRangeWebStream(this.path, this.start, this.end, this.snapshot);
  }

  /**
   * Reads the whole range into memory; callers keep ranges small (archive headers).
   *
   * @example
   * ```ts
   * const header = await file.slice(0, 512).bytes();
   * ```
   */
  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    const buffer = new Uint8Array(this.#size);
    if (this.#size === 0) return buffer;
    const file = await CheckedFile.open(this.path, this.snapshot);
    try {
      let filled = 0;
      while (filled < this.#size) {
        filled += await file.read(buffer.subarray(filled), this.start + filled, this.end);
      }
      await file.check();
    } finally {
      await file.close();
    }
    return buffer;
  }

  /**
   * Same bytes as {@link bytes}, as an `ArrayBuffer`.
   *
   * @example
   * ```ts
   * const view = new DataView(await file.slice(0, 512).arrayBuffer());
   * ```
   */
  override async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer;
  }

  /**
   * The range decoded as UTF-8.
   *
   * @example
   * ```ts
   * const name = (await file.slice(0, 100).text()).replace(/\0+$/, ""); // a tar member's name
   * ```
   */
  override async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }
}

/**
 * Core's archive indexing reads every window of a blob that has this method
 * through the one handle it opens (one open and one snapshot check per indexing,
 * not one per window). Kept off the class's declared members on purpose.
 */
Object.defineProperty(FileBlob.prototype, Symbol.for("@luml/core.openRandomAccess"), {
  value: async function openRandomAccess(this: FileBlob) {
    const file = await CheckedFile.open(this.path, this.snapshot);
    const { start, end, size } = this;
    return {
      read: async (buffer: Uint8Array, position: number): Promise<number> =>
        position >= size ? 0 : file.read(buffer, start + position, end),
      close: async (): Promise<void> => {
        try {
          await file.check();
        } finally {
          await file.close();
        }
      },
    };
  },
});

/** A `Blob.slice` index: negative counts from the end, clamped to `[0, size]`. */
function clampIndex(index: number, size: number): number {
  const whole = Math.trunc(index) || 0;
  if (whole < 0) return Math.max(size + whole, 0);
  return Math.min(whole, size);
}
