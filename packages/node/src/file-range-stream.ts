import { Readable } from "node:stream";
import { CheckedFile } from "./checked-file";
import type { FileSnapshot } from "./file-snapshot";

/** Bytes read per step when a file range is streamed. */
export const fileReadSize = 1024 * 1024;

/**
 * A Node stream of bytes `[start, end)` of the file at `path`, read in 1 MiB
 * steps with backpressure and held to `snapshot` (see `CheckedFile`). A file
 * that changed fails the stream with a `FileError` (`changed`) as a stream
 * error: when it is found shorter than the range at once, otherwise before the
 * range's last bytes are pushed, so a request piping it fails instead of
 * completing, or waiting for bytes that will not come.
 */
export class FileRangeStream extends Readable {
  readonly #path: string;
  readonly #end: number;
  readonly #snapshot: FileSnapshot | undefined;
  #position: number;
  #file: CheckedFile | undefined;
  /** The read under way, which a destroy waits for before closing the file. */
  #reading: Promise<unknown> = Promise.resolve();

  /** Streams bytes `[start, end)` of `path`; `snapshot`, when given, is what the file must still be. */
  constructor(path: string, start: number, end: number, snapshot: FileSnapshot | undefined) {
    super({ highWaterMark: fileReadSize });
    this.#path = path;
    this.#position = start;
    this.#end = end;
    this.#snapshot = snapshot;
  }

  override _read(): void {
    const reading = this.#readNext();
    this.#reading = reading.catch(() => {});
    reading.then(
      (chunk) => {
        if (this.destroyed) return;
        if (chunk) this.push(chunk);
        if (this.#position === this.#end) this.push(null);
      },
      (error: unknown) => this.destroy(error as Error),
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#reading.then(async () => {
      await this.#file?.close();
      this.#file = undefined;
      callback(error);
    });
  }

  async #readNext(): Promise<Buffer | undefined> {
    if (this.#position >= this.#end) return undefined;
    this.#file ??= await CheckedFile.open(this.#path, this.#snapshot);
    const chunk = Buffer.allocUnsafe(Math.min(fileReadSize, this.#end - this.#position));
    let filled = 0;
    while (filled < chunk.byteLength) {
      filled += await this.#file.read(chunk.subarray(filled), this.#position + filled, this.#end);
    }
    this.#position += filled;
    // The last bytes go out only once the file is known unchanged: a changed file
    // never yields a complete body.
    if (this.#position === this.#end) await this.#file.check();
    return chunk;
  }
}
