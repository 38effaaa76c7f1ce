/**
 * Reads a Blob for hashing, in the page and in the hashing worker alike. The Blob
 * is read as one stream rather than slice by slice: the browser keeps fetching the
 * next bytes while the current ones hash, and only the stream's small queue is held
 * in memory whatever the file size.
 */

import { nextTask } from "./next-task";

/**
 * Feeds every byte of `blob` to `update`, in order. `onSlice` gets the bytes hashed
 * so far at every multiple of `sliceSize` and at the end, as slice-by-slice reading did.
 * Checks `signal` after every chunk; on any failure the read is cancelled. With
 * `yieldEverySlice` (on a page's main thread), it lets the page's tasks run after every
 * slice: a stream's queued chunks are otherwise read without ever leaving the task.
 */
export async function readBlob(
  blob: Blob,
  sliceSize: number,
  update: (bytes: Uint8Array) => void,
  onSlice: (loaded: number) => void,
  signal?: AbortSignal,
  yieldEverySlice = false,
): Promise<void> {
  const reader = blob.stream().getReader();
  let loaded = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      signal?.throwIfAborted();
      // A chunk may span several slice ends: hash up to each and report it.
      const slicesBefore = Math.floor(loaded / sliceSize);
      for (let offset = 0; offset < value.length; ) {
        const sliceEnd = (Math.floor(loaded / sliceSize) + 1) * sliceSize;
        const piece = value.subarray(offset, offset + sliceEnd - loaded);
        update(piece);
        offset += piece.length;
        loaded += piece.length;
        if (loaded === sliceEnd) onSlice(loaded);
      }
      if (yieldEverySlice && Math.floor(loaded / sliceSize) > slicesBefore) await nextTask();
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  }
  if (loaded % sliceSize !== 0) onSlice(loaded);
}
