import { InvalidArgumentError, type Platform } from "@luml/core";
import { createBlobSink } from "@luml/core/internal";
import { openFileHandleSink } from "./file-handle-sink";
import { hashBlob } from "./hash-blob";
import { openSource } from "./open-source";
import { createSha256 } from "./sha256";
import { createXhrStorageAttempt } from "./xhr-storage-attempt";

/**
 * The browser runtime pieces: picked files are read slice by slice, sha256 runs in
 * a Web Worker (WASM), uploads report byte-level progress through XHR, and
 * downloads go to a `FileSystemFileHandle` (`to`) or into a `Blob`.
 */
export const browserPlatform: Platform = {
  createSha256,
  hashBlob: (blob, options) => hashBlob(blob, options),
  openSource: (input, options) => openSource(input, options),
  openSink: async (target) => {
    if (target === undefined) return createBlobSink();
    if (typeof FileSystemFileHandle !== "undefined" && target instanceof FileSystemFileHandle) {
      return openFileHandleSink(target);
    }
    throw new InvalidArgumentError({
      argument: "to",
      message:
        "in a browser, expected a FileSystemFileHandle (from showSaveFilePicker), a WritableStream, or nothing for a Blob",
    });
  },
  storageAttempt: createXhrStorageAttempt(),
};
