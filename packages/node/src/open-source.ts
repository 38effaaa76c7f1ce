import type { BigIntStats } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { InvalidArgumentError, type UploadSource } from "@luml/core";
import { FileBlob } from "./file-blob";
import { rememberFileBlob } from "./file-blobs";
import { notAFileError, toFileError } from "./file-error";
import { checkPath, type FileSnapshot, snapshotOf } from "./file-snapshot";

/** What `artifacts.upload` accepts in Node and Bun besides a `Blob`/`File` or an `UploadSource`. */
export type NodeUploadInput = string | URL;

/** Bun's file API, read defensively: `Bun.file(path)` is a native file-backed Blob. */
interface BunGlobal {
  file(path: string): Blob;
}

/**
 * Opens a file as an upload source. The bytes are read lazily from disk (a
 * file-backed `Blob` in Node, `Bun.file` in Bun), so a multi-GB file is never
 * held in memory, and files of 4 GiB and more keep their real size.
 *
 * The file's size, times and identity are taken now: the source's `check()`
 * rejects with a `FileError` of code `changed` once the file differs from them,
 * and so does every read of its blob in Node (see `FileBlob`). A missing file, a
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
  const path = input instanceof URL ? fileURLToPath(input) : input;
  let stats: BigIntStats;
  try {
    stats = await stat(path, { bigint: true });
  } catch (error) {
    throw toFileError(error, path);
  }
  if (!stats.isFile()) throw notAFileError(path, stats);
  const snapshot = snapshotOf(stats);
  const blob = openFileBlob(path, Number(stats.size), snapshot);
  return {
    name: basename(path),
    size: blob.size,
    blob,
    check: () => checkPath(path, snapshot),
  };
}

/** The runtime's lazy blob over the whole file, `size` bytes as of opening it. */
function openFileBlob(path: string, size: number, snapshot: FileSnapshot): Blob {
  const bun = (globalThis as { Bun?: BunGlobal }).Bun;
  if (!bun) return new FileBlob(path, 0, size, "", snapshot);
  // Bun's fetch sends its own file blobs natively; a Blob subclass it would not read.
  const blob = bun.file(path).slice(0, size);
  rememberFileBlob(blob, path, snapshot);
  return blob;
}
