import { localFileError } from "@luml/core/internal";
import { CheckedFile } from "./checked-file";
import { FileBlob } from "./file-blob";
import { toFileError } from "./file-error";
import { createLocalSha256 } from "./sha256";

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
 * allocates nothing per chunk, and the file is held to what it was when opened:
 * a file that changed or got shorter while hashed rejects with a `FileError` of
 * code `changed`. Any other blob is read through its stream.
 *
 * @example
 * ```ts
 * import { statSync } from "node:fs";
 * import { FileBlob, hashBlob } from "@luml/node";
 *
 * const file = new FileBlob("model.fnnx", 0, statSync("model.fnnx").size);
 * const sha256 = await hashBlob(file, { onProgress: (loaded) => console.log(`${loaded} bytes hashed`) });
 * ```
 */
export async function hashBlob(blob: Blob, options: HashBlobOptions = {}): Promise<string> {
  const file = blob instanceof FileBlob ? blob : undefined;
  let digest: { loaded: number; hex: string };
  try {
    digest = file ? await hashFile(file, options) : await hashStream(blob, options);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw toFileError(error, file?.path);
  }
  if (digest.loaded !== blob.size) {
    const reason = `${digest.loaded} bytes were read instead of ${blob.size}`;
    throw localFileError("changed", file?.path, reason);
  }
  return digest.hex;
}

async function hashFile(
  blob: FileBlob,
  options: HashBlobOptions,
): Promise<{ loaded: number; hex: string }> {
  const sha256 = createLocalSha256();
  const buffer = Buffer.allocUnsafe(Math.min(readSize, Math.max(blob.size, 1)));
  const file = await CheckedFile.open(blob.path, blob.snapshot);
  let loaded = 0;
  try {
    while (loaded < blob.size) {
      options.signal?.throwIfAborted();
      const bytesRead = await file.read(buffer, blob.start + loaded, blob.end);
      sha256.update(buffer.subarray(0, bytesRead));
      loaded += bytesRead;
      options.onProgress?.(loaded);
    }
    // The digest stands for the file as opened only if it is still that file.
    await file.check();
  } finally {
    await file.close();
  }
  return { loaded, hex: await sha256.digest() };
}

async function hashStream(
  blob: Blob,
  options: HashBlobOptions,
): Promise<{ loaded: number; hex: string }> {
  const sha256 = createLocalSha256();
  let loaded = 0;
  for await (const chunk of blob.stream() as unknown as AsyncIterable<Uint8Array>) {
    options.signal?.throwIfAborted();
    sha256.update(chunk);
    loaded += chunk.byteLength;
    options.onProgress?.(loaded);
  }
  return { loaded, hex: await sha256.digest() };
}
