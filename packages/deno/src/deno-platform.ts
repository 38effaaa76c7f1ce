import type { Platform } from "@luml/core";
import { openFileSink } from "./file-sink.ts";
import { hashBlob } from "./hash-blob.ts";
import { openSource } from "./open-source.ts";
import { createSha256 } from "./sha256.ts";
import { createDenoStorageAttempt } from "./storage-attempt.ts";

/**
 * The Deno runtime pieces: paths become lazy file-backed sources, downloads are
 * written atomically to disk, sha256 runs natively, and storage requests go through
 * `node:http`, which streams a file's bytes from disk with their `Content-Length`.
 */
export const denoPlatform: Platform = {
  createSha256,
  hashBlob: (blob, options) => hashBlob(blob, options),
  openSource: (input, options) => openSource(input, options),
  openSink: (target, fileName) => openFileSink(target as string | URL | undefined, fileName),
  storageAttempt: createDenoStorageAttempt(),
};
