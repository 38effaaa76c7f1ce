import type { Platform } from "@luml/core";
import { openFileSink } from "./file-sink";
import { hashBlob } from "./hash-blob";
import { createNodeApiAttempt } from "./node-api-attempt";
import { createNodeStorageAttempt } from "./node-storage-attempt";
import { openSource } from "./open-source";
import { createSha256 } from "./sha256";

/**
 * The Node.js (and Bun) platform: native sha256, file paths as lazily read
 * upload sources, atomic file downloads, storage requests on node:http that
 * stream file parts from disk with flat memory, and API calls on node:http too
 * (Node's `fetch` would cost 10–17 MiB more).
 */
export const nodePlatform: Platform = {
  createSha256,
  hashBlob,
  openSource: (input) => openSource(input),
  openSink: (target, fileName) => openFileSink(target, fileName),
  storageAttempt: createNodeStorageAttempt(),
  apiAttempt: createNodeApiAttempt(),
};
