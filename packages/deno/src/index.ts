export * from "@luml/core";
export { LumlClient } from "./client.ts";
export { DenoFileBlob, openDenoFileBlob } from "./deno-file-blob.ts";
export { denoPlatform } from "./deno-platform.ts";
export { openFileSink } from "./file-sink.ts";
export { type HashBlobOptions, hashBlob } from "./hash-blob.ts";
export { openSource } from "./open-source.ts";
export { createSha256 } from "./sha256.ts";
export { createDenoStorageAttempt } from "./storage-attempt.ts";
