export * from "@luml/core";
export { type BlobSink, createBlobSink } from "./blob-sink";
export { browserPlatform } from "./browser-platform";
export { LumlClient } from "./client";
export { type BlobDownloadResult, downloadBlob } from "./download-blob";
export { openFileHandleSink } from "./file-handle-sink";
export { type HashBlobOptions, hashBlob, hashBlobDiagnostics } from "./hash-blob";
export { type NamedFile, openSource } from "./open-source";
export { type SaveArtifactOptions, saveArtifact } from "./save-artifact";
export { createSha256 } from "./sha256";
export {
  createXhrStorageTransport,
  type XhrStorageTransportOptions,
} from "./xhr-storage-transport";
