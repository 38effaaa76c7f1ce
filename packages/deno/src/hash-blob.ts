import { DenoFileBlob } from "./deno-file-blob.ts";
import { createSha256 } from "./sha256.ts";

/** Options of {@link hashBlob}. */
export interface HashBlobOptions {
  /** Stops hashing; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called with the number of bytes hashed so far. */
  onProgress?: (loaded: number) => void;
}

/** Bytes hashed between progress reports and abort checks. */
const HASH_CHUNK_SIZE = 8 * 1024 * 1024;

/**
 * The lower-case hex sha256 of `blob`, read in 8 MiB steps so memory stays flat
 * whatever the size. A file-backed blob is read straight from disk and held to
 * what the file was when it was opened: a file that changed or got shorter while
 * hashed rejects with a `FileError` of code `changed`.
 *
 * @example
 * ```ts
 * import { hashBlob, openDenoFileBlob } from "npm:@luml/deno";
 *
 * const sha256 = await hashBlob(await openDenoFileBlob("./model.fnnx"), {
 *   onProgress: (loaded) => console.log(`${loaded} bytes hashed`),
 * });
 * ```
 */
export async function hashBlob(
  blob: Blob | DenoFileBlob,
  options: HashBlobOptions = {},
): Promise<string> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const hash = createSha256();
  let loaded = 0;
  for (let start = 0; start < blob.size; start += HASH_CHUNK_SIZE) {
    const end = Math.min(start + HASH_CHUNK_SIZE, blob.size);
    const chunk = await readSlice(blob, start, end);
    signal?.throwIfAborted();
    hash.update(chunk);
    loaded = end;
    onProgress?.(loaded);
  }
  return hash.digest();
}

async function readSlice(
  blob: Blob | DenoFileBlob,
  start: number,
  end: number,
): Promise<Uint8Array> {
  const slice = blob.slice(start, end);
  return slice instanceof DenoFileBlob ? slice.bytes() : new Uint8Array(await slice.arrayBuffer());
}
