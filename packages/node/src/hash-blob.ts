import { open } from "node:fs/promises";
import { FileError } from "@luml/core";
import { fileRangeOf } from "./file-blobs";
import { toFileError } from "./file-error";
import { createSha256 } from "./sha256";

/** Read size when hashing a file from disk: large reads keep the hash CPU-bound. */
const readSize = 1024 * 1024;

/** Options of `hashBlob`. */
export interface HashBlobOptions {
  /** Cancels hashing; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Receives the bytes hashed so far. */
  onProgress?: (loaded: number) => void;
}

/**
 * The sha256 (hex) of a blob with node:crypto. A blob opened from a path is
 * read straight from the file into one reused buffer, so hashing a multi-GB file
 * allocates nothing per chunk; any other blob is read through its stream.
 */
export async function hashBlob(blob: Blob, options: HashBlobOptions = {}): Promise<string> {
  const range = fileRangeOf(blob);
  const path = range?.path;
  let digest: { loaded: number; hex: string };
  try {
    digest = range
      ? await hashFile(range.path, range.start, blob.size, options)
      : await hashStream(blob, options);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw toFileError(error, path);
  }
  if (digest.loaded !== blob.size) {
    throw new FileError({
      message: `The file changed while it was read (${digest.loaded} of ${blob.size} bytes)`,
      code: "truncated",
      fileName: path,
    });
  }
  return digest.hex;
}

async function hashFile(
  path: string,
  start: number,
  size: number,
  options: HashBlobOptions,
): Promise<{ loaded: number; hex: string }> {
  const sha256 = createSha256();
  const buffer = Buffer.allocUnsafe(readSize);
  const handle = await open(path, "r");
  let loaded = 0;
  try {
    // Reading up to `size` only: the blob is a snapshot of the file's length.
    while (loaded < size) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await handle.read(
        buffer,
        0,
        Math.min(readSize, size - loaded),
        start + loaded,
      );
      if (bytesRead === 0) break;
      sha256.update(buffer.subarray(0, bytesRead));
      loaded += bytesRead;
      options.onProgress?.(loaded);
    }
  } finally {
    await handle.close();
  }
  return { loaded, hex: await sha256.digest() };
}

async function hashStream(
  blob: Blob,
  options: HashBlobOptions,
): Promise<{ loaded: number; hex: string }> {
  const sha256 = createSha256();
  let loaded = 0;
  for await (const chunk of blob.stream() as unknown as AsyncIterable<Uint8Array>) {
    options.signal?.throwIfAborted();
    sha256.update(chunk);
    loaded += chunk.byteLength;
    options.onProgress?.(loaded);
  }
  return { loaded, hex: await sha256.digest() };
}
