export * from "@luml/core";
export { abortOnInterrupt, type InterruptListener } from "./abort-on-interrupt.ts";
export { LumlClient } from "./client.ts";
export { DenoFileBlob, openDenoFileBlob } from "./deno-file-blob.ts";
export { denoPlatform } from "./deno-platform.ts";
export { openFileSink } from "./file-sink.ts";
export type { FileSnapshot } from "./file-snapshot.ts";
export { type HashBlobOptions, hashBlob } from "./hash-blob.ts";
export {
  type ProgressBarOptions,
  type ProgressBarWriter,
  progressBar,
} from "./progress-bar.ts";
export { openSource } from "./open-source.ts";
export { createSha256 } from "./sha256.ts";
export { createDenoStorageAttempt } from "./storage-attempt.ts";
