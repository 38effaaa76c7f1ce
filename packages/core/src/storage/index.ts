export { azureBlockId, commitAzureBlockList } from "./azure-upload";
export { deleteStoredObject } from "./delete-stored-object";
export {
  type DownloadObjectOptions,
  defaultDownloadPartSize,
  defaultMaxResumes,
  downloadObject,
} from "./download-object";
export { type FetchRangeOptions, fetchRange } from "./fetch-range";
export { type HashBlobOptions, hashBlob } from "./hash-blob";
export { PartsProgress, PhaseProgress } from "./progress";
export { runBounded } from "./run-bounded";
export { safeFileName } from "./safe-file-name";
export {
  defaultUploadConcurrency,
  type UploadObjectOptions,
  uploadObject,
} from "./upload-object";
