import { CheckedFile } from "./checked-file.ts";
import { type DenoFileInfo, getDeno } from "./deno-api.ts";
import { notAFileError, toFileError } from "./file-error.ts";
import { type FileSnapshot, snapshotOf } from "./file-snapshot.ts";
import { localPath } from "./file-url-path.ts";

/** Bytes `[start, end)` of its file that a blob covers, for the storage attempt's reader. */
export let byteRangeOf: (blob: DenoFileBlob) => { start: number; end: number };

/** Bytes read per step by `stream()`. */
const STREAM_CHUNK_SIZE = 1024 * 1024;

/**
 * A lazy, file-backed `Blob` for a path on disk: nothing is read until a slice's
 * bytes are asked for, so a multi-GB file costs no memory to wrap. `slice()` is free;
 * `arrayBuffer()`/`bytes()` read just that range; `stream()` reads it step by step.
 *
 * A blob from {@link openDenoFileBlob} carries the file's snapshot from that moment
 * (size, times, identity): every read checks the file against it when it opens the
 * file and again before its last bytes, and a file found shorter than the range
 * fails at once, all with a `FileError` of code `changed`. Slices keep the snapshot.
 */
export class DenoFileBlob {
  /** The file this blob reads from. */
  readonly path: string;
  /** Byte length of this blob (the whole file, or the slice). */
  readonly size: number;
  /** MIME type; empty unless given to `slice`. */
  readonly type: string;
  /** What the file was when it was opened; reads fail with `changed` once it differs. */
  readonly snapshot: FileSnapshot | undefined;
  readonly #start: number;

  static {
    byteRangeOf = (blob) => ({ start: blob.#start, end: blob.#start + blob.size });
  }

  /**
   * Use {@link openDenoFileBlob} to wrap a file; this constructor trusts its range.
   * Without a `snapshot` only a file found shorter than the range is caught.
   */
  constructor(path: string, start: number, end: number, type = "", snapshot?: FileSnapshot) {
    this.path = path;
    this.#start = start;
    this.size = Math.max(0, end - start);
    this.type = type;
    this.snapshot = snapshot;
  }

  /**
   * A view of bytes `[start, end)` of this blob, with `Blob.slice` semantics.
   *
   * @example
   * ```ts
   * const file = await openDenoFileBlob("./model.fnnx");
   * const firstHeader = file.slice(0, 512); // nothing is read yet
   * ```
   */
  slice(start?: number, end?: number, contentType?: string): DenoFileBlob {
    const from = clampIndex(start ?? 0, this.size);
    const to = clampIndex(end ?? this.size, this.size);
    return new DenoFileBlob(
      this.path,
      this.#start + from,
      this.#start + Math.max(from, to),
      contentType ?? "",
      this.snapshot,
    );
  }

  /**
   * Reads the whole range into memory; callers keep ranges bounded (one part).
   *
   * @example
   * ```ts
   * const header = await file.slice(0, 512).bytes();
   * ```
   */
  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    const buffer = new Uint8Array(this.size);
    if (this.size === 0) return buffer;
    const file = await CheckedFile.open(this.path, this.snapshot, this.#start);
    try {
      await file.readFully(buffer, this.#start + this.size);
      await file.check();
    } finally {
      file.close();
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
  async arrayBuffer(): Promise<ArrayBuffer> {
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
  async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }

  /**
   * Streams the range in 1 MiB chunks; the file is open only while the stream is
   * read. A changed file errors the stream (before its last chunk, or at once when
   * the file ends early), so a request sending it fails instead of completing.
   *
   * @example
   * ```ts
   * await file.stream().pipeTo((await Deno.create("./copy.fnnx")).writable);
   * ```
   */
  stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const { path, snapshot } = this;
    const start = this.#start;
    const end = this.#start + this.size;
    let position = start;
    let file: CheckedFile | undefined;
    const close = () => {
      file?.close();
      file = undefined;
    };
    return new ReadableStream<Uint8Array<ArrayBuffer>>({
      async pull(controller) {
        try {
          if (position === end) {
            close();
            controller.close();
            return;
          }
          file ??= await CheckedFile.open(path, snapshot, start);
          const chunk = new Uint8Array(Math.min(STREAM_CHUNK_SIZE, end - position));
          await file.readFully(chunk, end);
          position += chunk.byteLength;
          // The last bytes go out only once the file is known unchanged.
          if (position === end) await file.check();
          controller.enqueue(chunk);
        } catch (error) {
          close();
          throw error;
        }
      },
      cancel: close,
    });
  }
}

/**
 * Wraps the file at `path` (string or `file:` URL) as a lazy {@link DenoFileBlob},
 * taking its snapshot. Throws a `FileError` before any read: `not_found` (missing),
 * `not_a_file` (a folder, a pipe, a device), `permission_denied` (refused by the OS,
 * or Deno lacks `--allow-read`), or `io`.
 *
 * @example
 * ```ts
 * import { openDenoFileBlob } from "npm:@luml/deno";
 *
 * const file = await openDenoFileBlob("./model.fnnx");
 * console.log(file.size);
 * ```
 */
export async function openDenoFileBlob(path: string | URL): Promise<DenoFileBlob> {
  const filePath = localPath(path, "input");
  let info: DenoFileInfo;
  try {
    info = await getDeno().stat(filePath);
  } catch (error) {
    throw toFileError(error, filePath);
  }
  if (!info.isFile) throw notAFileError(filePath, info);
  return new DenoFileBlob(filePath, 0, info.size, "", snapshotOf(info));
}

function clampIndex(index: number, size: number): number {
  if (index < 0) return Math.max(0, size + index);
  return Math.min(index, size);
}
