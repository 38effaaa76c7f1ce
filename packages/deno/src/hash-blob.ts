import type { Sha256 } from "@luml/core";
import { CheckedFile } from "./checked-file.ts";
import { byteRangeOf, DenoFileBlob } from "./deno-file-blob.ts";
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

/** Bytes read per step from a file, into one reused buffer. */
const FILE_READ_SIZE = 1024 * 1024;

/**
 * The lower-case hex sha256 of `blob`, read step by step so memory stays flat
 * whatever the size. A file-backed blob is read straight from disk, through one
 * open file into one reused 1 MiB buffer (hashing a multi-GB file allocates
 * nothing per step), and held to what the file was when it was opened: a file
 * that changed or got shorter while hashed rejects with a `FileError` of code
 * `changed`. Any other blob is read in 8 MiB slices.
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
  if (blob instanceof DenoFileBlob) {
    await hashFile(blob, hash, options);
    return hash.digest();
  }
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

async function hashFile(
  blob: DenoFileBlob,
  hash: Pick<Sha256, "update">,
  options: HashBlobOptions,
): Promise<void> {
  if (blob.size === 0) return;
  const { signal, onProgress } = options;
  const { start, end } = byteRangeOf(blob);
  const file = await CheckedFile.open(blob.path, blob.snapshot, start);
  try {
    const buffer = new Uint8Array(Math.min(FILE_READ_SIZE, blob.size));
    let loaded = 0;
    while (loaded < blob.size) {
      const chunk = buffer.subarray(0, Math.min(buffer.byteLength, blob.size - loaded));
      await file.readFully(chunk, end);
      signal?.throwIfAborted();
      hash.update(chunk);
      loaded += chunk.byteLength;
      onProgress?.(loaded);
    }
    // The digest stands for the file as opened only if it is still that file.
    await file.check();
  } finally {
    file.close();
  }
}

async function readSlice(
  blob: Blob | DenoFileBlob,
  start: number,
  end: number,
): Promise<Uint8Array> {
  const slice = blob.slice(start, end);
  return slice instanceof DenoFileBlob ? slice.bytes() : new Uint8Array(await slice.arrayBuffer());
}
