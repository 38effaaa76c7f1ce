export * from "@luml/core";
export { type BlobSink, createBlobSink } from "@luml/core";
export { browserPlatform } from "./browser-platform";
export { LumlClient } from "./client";
export { type BlobDownloadResult, downloadBlob } from "./download-blob";
export { openFileHandleSink } from "./file-handle-sink";
export { type HashBlobOptions, hashBlob, hashBlobDiagnostics } from "./hash-blob";
export { type NamedFile, openSource } from "./open-source";
export { type PrepareUploadOptions, prepareUpload } from "./prepare-upload";
export {
  type BindProgressOptions,
  bindProgress,
  type ProgressElements,
  progressText,
} from "./progress";
export { type SaveArtifactOptions, saveArtifact } from "./save-artifact";
export { type SendUploadOptions, sendUpload } from "./send-upload";
export { createSha256 } from "./sha256";
export { createXhrStorageAttempt } from "./xhr-storage-attempt";
