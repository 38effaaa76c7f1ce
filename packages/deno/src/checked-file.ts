import { endedEarlyError } from "@luml/core/internal";
import { type DenoFile, type DenoFileInfo, getDeno } from "./deno-api.ts";
import { toFileError } from "./file-error.ts";
import { checkInfo, type FileSnapshot } from "./file-snapshot.ts";

/**
 * A file opened for reading a byte range of an upload source, held to the
 * snapshot taken when the source was opened: the open file must still match it,
 * reaching the end of the file before the range's end fails at once (never a
 * short read that leaves a request waiting for bytes that will not come), and
 * `check` compares the file with the snapshot again once the range is read.
 * Every failure is a `FileError`: `changed`, or the code of the file-system error.
 */
export class CheckedFile {
  readonly #path: string;
  readonly #file: DenoFile;
  readonly #snapshot: FileSnapshot | undefined;
  #position: number;

  private constructor(
    path: string,
    file: DenoFile,
    snapshot: FileSnapshot | undefined,
    position: number,
  ) {
    this.#path = path;
    this.#file = file;
    this.#snapshot = snapshot;
    this.#position = position;
  }

  /**
   * Opens `path` at byte `start` and checks the opened file (not the path, which
   * may be replaced) against `snapshot`.
   */
  static async open(
    path: string,
    snapshot: FileSnapshot | undefined,
    start: number,
  ): Promise<CheckedFile> {
    const deno = getDeno();
    let file: DenoFile;
    try {
      file = await deno.open(path, { read: true });
    } catch (error) {
      throw toFileError(error, path);
    }
    const checked = new CheckedFile(path, file, snapshot, start);
    try {
      await checked.check();
      await file.seek(start, deno.SeekMode.Start);
    } catch (error) {
      checked.close();
      throw toFileError(error, path);
    }
    return checked;
  }

  /** Fills `buffer` with the next bytes of the range that ends at `rangeEnd`. */
  async readFully(buffer: Uint8Array, rangeEnd: number): Promise<void> {
    let filled = 0;
    while (filled < buffer.byteLength) {
      let read: number | null;
      try {
        read = await this.#file.read(buffer.subarray(filled));
      } catch (error) {
        throw toFileError(error, this.#path);
      }
      if (read === null) throw endedEarlyError(this.#path, this.#position + filled, rangeEnd);
      filled += read;
    }
    this.#position += filled;
  }

  /** Checks the open file against the snapshot again: call it once the range is read. */
  async check(): Promise<void> {
    if (this.#snapshot === undefined) return;
    let info: DenoFileInfo;
    try {
      info = await this.#file.stat();
    } catch (error) {
      throw toFileError(error, this.#path);
    }
    checkInfo(this.#path, this.#snapshot, info);
  }

  /** Closes the file; closing twice does nothing. */
  close(): void {
    try {
      this.#file.close();
    } catch {
      // Already closed: nothing is lost on a file opened for reading.
    }
  }
}
