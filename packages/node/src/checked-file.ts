import type { BigIntStats } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { endedEarlyError } from "@luml/core/internal";
import { toFileError } from "./file-error";
import { checkStats, type FileSnapshot } from "./file-snapshot";

/**
 * A file opened for reading a byte range of an upload source, held to the
 * snapshot taken when the source was opened: the open file must still match it,
 * reaching the end of the file before the range's end fails at once (never a
 * short read that leaves a request waiting for bytes that will not come), and
 * `finish` compares the file with the snapshot again once the range is read.
 * Every failure is a `FileError`: `changed`, or the code of the file-system error.
 */
export class CheckedFile {
  readonly #path: string;
  readonly #handle: FileHandle;
  readonly #snapshot: FileSnapshot | undefined;

  private constructor(path: string, handle: FileHandle, snapshot: FileSnapshot | undefined) {
    this.#path = path;
    this.#handle = handle;
    this.#snapshot = snapshot;
  }

  /** Opens `path` and checks the opened file (not the path, which may be replaced) against `snapshot`. */
  static async open(path: string, snapshot: FileSnapshot | undefined): Promise<CheckedFile> {
    let handle: FileHandle;
    try {
      handle = await open(path, "r");
    } catch (error) {
      throw toFileError(error, path);
    }
    const file = new CheckedFile(path, handle, snapshot);
    try {
      await file.check();
    } catch (error) {
      await file.close();
      throw error;
    }
    return file;
  }

  /**
   * Reads into `buffer` from file offset `position`, at most up to `rangeEnd`, and
   * resolves to the number of bytes read (possibly fewer than asked, never 0).
   */
  async read(buffer: Uint8Array, position: number, rangeEnd: number): Promise<number> {
    const length = Math.min(buffer.byteLength, rangeEnd - position);
    let bytesRead: number;
    try {
      ({ bytesRead } = await this.#handle.read(buffer, 0, length, position));
    } catch (error) {
      throw toFileError(error, this.#path);
    }
    if (bytesRead === 0 && length > 0) throw endedEarlyError(this.#path, position, rangeEnd);
    return bytesRead;
  }

  /** Checks the open file against the snapshot again: call it once the range is read. */
  async check(): Promise<void> {
    if (this.#snapshot === undefined) return;
    let stats: BigIntStats;
    try {
      stats = await this.#handle.stat({ bigint: true });
    } catch (error) {
      throw toFileError(error, this.#path);
    }
    checkStats(this.#path, this.#snapshot, stats);
  }

  /** Closes the file; a failure to close loses no data of a read-only file and is ignored. */
  async close(): Promise<void> {
    await this.#handle.close().catch(() => {});
  }
}
