import { type DownloadSink, FileError } from "@luml/core";

/**
 * Streams a download to disk through the File System Access API: positioned
 * writes into the handle's writable, which the browser keeps in a swap file until
 * `close()` (commit); `abort()` discards it and leaves the original untouched.
 */
export async function openFileHandleSink(handle: FileSystemFileHandle): Promise<DownloadSink> {
  let writable: FileSystemWritableFileStream;
  try {
    writable = await handle.createWritable({ keepExistingData: false });
  } catch (error) {
    throw new FileError({
      code: "not_found",
      fileName: handle.name,
      message: `Cannot write ${handle.name}: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
  // Positioned writes are independent, but the stream takes one write at a time.
  let pending: Promise<void> = Promise.resolve();
  return {
    write(chunk, position) {
      const next = pending.then(() =>
        writable.write({ type: "write", position, data: chunk as Uint8Array<ArrayBuffer> }),
      );
      pending = next.catch(() => undefined);
      return next;
    },
    async commit() {
      await pending;
      await writable.close();
    },
    async abort() {
      await pending;
      await writable.abort();
    },
  };
}
