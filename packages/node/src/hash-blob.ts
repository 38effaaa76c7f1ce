import { createReadStream } from "node:fs";
import { FileError } from "@luml/core";
import { filePathOf } from "./file-blobs";
import { toFileError } from "./file-error";
import { createSha256 } from "./sha256";

/** Read size when hashing a file from disk: large reads keep the hash CPU-bound. */
const readSize = 4 * 1024 * 1024;

/** Options of `hashBlob`. */
export interface HashBlobOptions {
  signal?: AbortSignal;
  /** Receives the bytes hashed so far. */
  onProgress?: (loaded: number) => void;
}

/**
 * The sha256 (hex) of a blob with node:crypto. A blob opened from a path is
 * read straight from the file; any other blob through its stream.
 */
export async function hashBlob(blob: Blob, options: HashBlobOptions = {}): Promise<string> {
  const sha256 = createSha256();
  const path = filePathOf(blob);
  const source: AsyncIterable<Uint8Array> = path
    ? createReadStream(path, { highWaterMark: readSize, signal: options.signal })
    : (blob.stream() as unknown as AsyncIterable<Uint8Array>);
  let loaded = 0;
  try {
    for await (const chunk of source) {
      if (options.signal?.aborted) throw options.signal.reason;
      sha256.update(chunk);
      loaded += chunk.byteLength;
      options.onProgress?.(loaded);
    }
  } catch (error) {
    // The read stream rejects with its own AbortError; callers expect the signal's reason.
    if (options.signal?.aborted) throw options.signal.reason;
    throw toFileError(error, path);
  }
  if (loaded !== blob.size) {
    throw new FileError({
      message: `The file changed while it was read (${loaded} of ${blob.size} bytes)`,
      code: "truncated",
      fileName: path,
    });
  }
  return sha256.digest();
}
