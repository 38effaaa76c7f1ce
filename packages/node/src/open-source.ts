import { openAsBlob } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { FileError, type UploadSource } from "@luml/core";
import { rememberFileBlob } from "./file-blobs";
import { toFileError } from "./file-error";

/** What `artifacts.upload` accepts in Node and Bun besides a `Blob`/`File` or an `UploadSource`. */
export type NodeUploadInput = string | URL;

/**
 * Opens a file as an upload source. The bytes are read lazily from disk
 * (`fs.openAsBlob`), so a multi-GB file is never held in memory.
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
    const blob = await openAsBlob(path);
    rememberFileBlob(blob, path);
    return { name: basename(path), size: blob.size, blob };
  } catch (error) {
    throw toFileError(error, path);
  }
}
