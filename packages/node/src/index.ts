export * from "@luml/core";
export { abortOnInterrupt, type InterruptListener } from "./abort-on-interrupt";
export { LumlClient } from "./client";
export { type NodeDownloadTarget, openFileSink } from "./file-sink";
export { type HashBlobOptions as NodeHashBlobOptions, hashBlob as hashFile } from "./hash-blob";
export { nodePlatform } from "./node-platform";
export { type NodeUploadInput, openSource } from "./open-source";
export { formatLine, type ProgressBarOptions, progressBar } from "./progress-bar";
export { createSha256 } from "./sha256";
