import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { FileError, type UploadSource } from "@luml/core";
import { FileBlob } from "./file-blob";
import { rememberFileBlob } from "./file-blobs";
import { toFileError } from "./file-error";

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
 */
export async function openSource(input: unknown): Promise<UploadSource> {
  if (typeof input !== "string" && !(input instanceof URL)) {
    throw new FileError({
      message: "Expected a file path, a file: URL, a Blob/File or an UploadSource to upload",
      code: "not_found",
    });
  }
  const path = input instanceof URL ? fileURLToPath(input) : input;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      throw new FileError({
        message: `Not a regular file: ${path}`,
        code: "not_found",
        fileName: path,
      });
    }
    const blob = openFileBlob(path, info.size);
    return { name: basename(path), size: blob.size, blob };
  } catch (error) {
    throw toFileError(error, path);
  }
}

/** The runtime's lazy blob over the whole file, `size` bytes as of opening it. */
function openFileBlob(path: string, size: number): Blob {
  const bun = (globalThis as { Bun?: BunGlobal }).Bun;
  if (!bun) return new FileBlob(path, 0, size);
  // Bun's fetch sends its own file blobs natively; a Blob subclass it would not read.
  const blob = bun.file(path).slice(0, size);
  rememberFileBlob(blob, path);
  return blob;
}
