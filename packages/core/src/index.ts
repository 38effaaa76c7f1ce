export * from "./errors/index";
export type {
  DownloadSink,
  Platform,
  ProgressCallback,
  ProgressEvent,
  Sha256,
  UploadSource,
} from "./platform";
export * from "./storage/index";
export * from "./resources/artifact-transfers";
