import type { BigIntStats } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { InvalidArgumentError, type UploadSource } from "@luml/core";
import { FileBlob } from "./file-blob";
import { notAFileError, toFileError } from "./file-error";
import { checkPath, snapshotOf } from "./file-snapshot";
import { localPath } from "./file-url-path";

/** What `artifacts.upload` accepts in Node and Bun besides a `Blob`/`File` or an `UploadSource`. */
export type NodeUploadInput = string | URL;

/**
 * Opens a file as an upload source. The bytes are read lazily from disk (a
 * file-backed `Blob`, in Node and Bun alike), so a multi-GB file is never held in
 * memory, and files of 4 GiB and more keep their real size.
 *
 * The file's size, times and identity are taken now: the source's `check()`
 * rejects with a `FileError` of code `changed` once the file differs from them,
 * and so does every read of its blob (see `FileBlob`). A missing file, a
 * folder or another non-regular file, or one the OS refuses is a `FileError`
 * with its own code before anything is read; an input of another type is an
 * `InvalidArgumentError`.
 */
export async function openSource(input: unknown): Promise<UploadSource> {
  if (typeof input !== "string" && !(input instanceof URL)) {
    throw new InvalidArgumentError({
      argument: "input",
      message: "expected a file path, a file: URL, a Blob/File or an UploadSource to upload",
    });
  }
  const path = localPath(input, "input");
  let stats: BigIntStats;
  try {
    stats = await stat(path, { bigint: true });
  } catch (error) {
    throw toFileError(error, path);
  }
  if (!stats.isFile()) throw notAFileError(path, stats);
  const snapshot = snapshotOf(stats);
  // Bun too: its own file blob, sent by its fetch, ends short or stalls when the
  // file is cut while it is read; this one fails with `changed` at once.
  const blob = new FileBlob(path, 0, Number(stats.size), "", snapshot);
  return {
    name: basename(path),
    size: blob.size,
    blob,
    check: () => checkPath(path, snapshot),
  };
}
