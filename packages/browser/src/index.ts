export { type BlobSink, createBlobSink } from "./blob-sink";
export { browserPlatform } from "./browser-platform";
export { openFileHandleSink } from "./file-handle-sink";
export { type HashBlobOptions, hashBlob, hashBlobDiagnostics } from "./hash-blob";
export { type NamedFile, openSource } from "./open-source";
export { createSha256 } from "./sha256";
export {
  createXhrStorageTransport,
  type XhrStorageTransportOptions,
} from "./xhr-storage-transport";
