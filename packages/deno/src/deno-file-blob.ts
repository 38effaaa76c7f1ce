import { type DenoFile, getDeno } from "./deno-api.ts";
import { toFileError } from "./file-error.ts";

/** Bytes read per step by `stream()`. */
const STREAM_CHUNK_SIZE = 1024 * 1024;

/**
 * A lazy, file-backed `Blob` for a path on disk: nothing is read until a slice's
 * bytes are asked for, so a multi-GB file costs no memory to wrap. `slice()` is free;
 * `arrayBuffer()`/`bytes()` read just that range; `stream()` reads it step by step.
 */
export class DenoFileBlob {
  /** The file this blob reads from. */
  readonly path: string;
  /** Byte length of this blob (the whole file, or the slice). */
  readonly size: number;
  /** MIME type; empty unless given to `slice`. */
  readonly type: string;
  readonly #start: number;

  /** Use {@link openDenoFileBlob} to wrap a file; this constructor trusts its range. */
  constructor(path: string, start: number, end: number, type = "") {
    this.path = path;
    this.#start = start;
    this.size = Math.max(0, end - start);
    this.type = type;
  }

  /** A view of bytes `[start, end)` of this blob, with `Blob.slice` semantics. */
  slice(start?: number, end?: number, contentType?: string): DenoFileBlob {
    const from = clampIndex(start ?? 0, this.size);
    const to = clampIndex(end ?? this.size, this.size);
    return new DenoFileBlob(
      this.path,
      this.#start + from,
      this.#start + Math.max(from, to),
      contentType ?? "",
    );
  }

  /** Reads the whole range into memory; callers keep ranges bounded (one part). */
  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    const buffer = new Uint8Array(this.size);
    if (this.size === 0) return buffer;
    const file = await openForReading(this.path);
    try {
      await file.seek(this.#start, getDeno().SeekMode.Start);
      await readFully(file, buffer, this.path);
    } finally {
      file.close();
    }
    return buffer;
  }

  /** Same bytes as {@link bytes}, as an `ArrayBuffer`. */
  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer;
  }

  /** The range decoded as UTF-8. */
  async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }

  /** Streams the range in 1 MiB chunks; the file is open only while the stream is read. */
  stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const path = this.path;
    const start = this.#start;
    let remaining = this.size;
    let file: DenoFile | undefined;
    return new ReadableStream<Uint8Array<ArrayBuffer>>({
      async pull(controller) {
        if (remaining === 0) {
          file?.close();
          file = undefined;
          controller.close();
          return;
        }
        if (file === undefined) {
          file = await openForReading(path);
          await file.seek(start, getDeno().SeekMode.Start);
        }
        const chunk = new Uint8Array(Math.min(STREAM_CHUNK_SIZE, remaining));
        await readFully(file, chunk, path);
        remaining -= chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        file?.close();
        file = undefined;
      },
    });
  }
}

/**
 * Wraps the file at `path` (string or `file:` URL) as a lazy {@link DenoFileBlob}.
 * Throws a `FileError` (`not_found`: missing, a folder, or not permitted) before any read.
 */
export async function openDenoFileBlob(path: string | URL): Promise<DenoFileBlob> {
  const filePath = typeof path === "string" ? path : decodeURIComponent(path.pathname);
  let info: { isFile: boolean; size: number };
  try {
    info = await getDeno().stat(filePath);
  } catch (error) {
    throw toFileError(error, filePath);
  }
  if (!info.isFile) {
    throw toFileError(new Error("it is not a regular file"), filePath, "not_found");
  }
  return new DenoFileBlob(filePath, 0, info.size);
}

async function openForReading(path: string): Promise<DenoFile> {
  try {
    return await getDeno().open(path, { read: true });
  } catch (error) {
    throw toFileError(error, path);
  }
}

/** Fills `buffer` from the file's current position; a short file means it changed under us. */
async function readFully(file: DenoFile, buffer: Uint8Array, path: string): Promise<void> {
  let filled = 0;
  while (filled < buffer.byteLength) {
    const read = await file.read(buffer.subarray(filled));
    if (read === null) {
      throw toFileError(
        new Error("the file got shorter while it was being read"),
        path,
        "truncated",
      );
    }
    filled += read;
  }
}

function clampIndex(index: number, size: number): number {
  if (index < 0) return Math.max(0, size + index);
  return Math.min(index, size);
}
