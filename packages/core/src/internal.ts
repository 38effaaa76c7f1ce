// `@luml/core/internal`: what the runtime packages (and the SDK's own tests) build
// on. Not for applications: it may change in any release. Applications import
// `@luml/core` (or their runtime's package) instead. Every name here is recorded
// in api-report.md next to the public ones.

// Archive checks the upload path runs.
export { computeExtraValues } from "./archive/extra-values";
export { artifactExtensions } from "./archive/validate-artifact-file";
// Defaults and the client's web platform (core's `LumlClient` uses it unless given another).
export { defaultBaseUrl } from "./client";
// Runtime packages map their own storage replies to the same errors.
export { parseRetryAfter, type StatusErrorContext, statusErrorFor } from "./errors/index";
// File errors of a file on the local disk, alike in Node and Deno.
export {
  changedFileError,
  describeFileChange,
  endedEarlyError,
  fileErrorCodeOf,
  type LocalFileState,
  localFileError,
} from "./errors/local-file-errors";
export { loadJsSha256 } from "./hashing/create-sha256";
export { type LoadedSha256, lazySha256 } from "./hashing/lazy-sha256";
// What abortOnInterrupt does in every runtime that has signals (Node and Bun, Deno).
export {
  type AbortOnInterruptOptions,
  type InterruptControl,
  type InterruptRuntime,
  type InterruptSignal,
  listenForInterrupts,
} from "./process/interrupt-listener";
// Progress display, shared by the runtime packages' `progressBar` and page helpers.
export {
  createProgressBar,
  formatBytes,
  formatDuration,
  formatProgressLine,
  formatProgressText,
  type ProgressBarSettings,
  type ProgressOutput,
  progressFraction,
} from "./progress/format-progress";
export { fileNamePattern, maxArtifactSize } from "./resources/artifact-inputs";
// Transfers, as the client's `artifacts.upload`/`download` run them.
export {
  type ArtifactTransferContext,
  downloadArtifact,
  uploadArtifact,
} from "./resources/artifact-transfers";
export {
  type PrepareArtifactFileOptions,
  type PreparedArtifactFile,
  prepareArtifactFile,
} from "./resources/prepare-artifact-file";
export type { ResourceContext } from "./resources/resource-context";
export { type SendUploadPlanOptions, sendUploadPlan } from "./resources/send-upload-plan";
// Storage transfers to presigned URLs, sinks, and hashing through a platform.
// (Each runtime package's public `hashBlob(blob, options)` is its platform's own.)
export { BackgroundFlush } from "./storage/background-flush";
export { type BlobSink, createBlobSink } from "./storage/blob-sink";
export {
  type DownloadObjectOptions,
  defaultDownloadPartSize,
  defaultMaxResumes,
  downloadObject,
} from "./storage/download-object";
export { type FoldersMade, higherFolder, removeFoldersMade } from "./storage/folders-made";
export {
  type HashBlobOptions as HashWithPlatformOptions,
  hashBlob as hashWithPlatform,
} from "./storage/hash-blob";
export { isProcessDescriptorPath, processDescriptorReason } from "./storage/process-descriptor";
export { createStreamSink } from "./storage/stream-sink";
export {
  defaultUploadConcurrency,
  type UploadObjectOptions,
  uploadObject,
} from "./storage/upload-object";
export { displayText, escapeText } from "./text/display-text";
export { BufferPool } from "./transport/buffer-pool";
// Transport: core's clocks and retries; a runtime adds only the attempt.
export {
  createTransport,
  defaultIdleTimeout,
  defaultStorageTimeout,
  defaultTimeout,
  type TransportOptions,
} from "./transport/create-transport";
export { createFetchAttempt } from "./transport/fetch-attempt";
// Request bodies read from a file range into reused buffers, through a runtime's file access.
export {
  FileChunkPool,
  type FileChunkPoolOptions,
  type FileRangeChunks,
  type FileRangeReader,
  fileRangeChunks,
} from "./transport/file-range-chunks";
export type {
  HttpAttempt,
  HttpAttemptReply,
  HttpAttemptRequest,
} from "./transport/http-attempt";
export {
  createHttpModuleAttempt,
  type HttpAgentClass,
  type HttpModule,
  type HttpModuleAgents,
  type HttpModuleAttemptOptions,
  type HttpModuleBodyReader,
  type HttpModuleReply,
  type HttpModuleRequest,
} from "./transport/http-module-attempt";
export { headersFromRecord } from "./transport/reply-body";
export { defaultRetryPolicy, type RetryPolicy } from "./transport/retry-policy";
export {
  bodyChunkSize,
  type SocketGetOptions,
  type SocketLike,
  type SocketModules,
  type SocketOnRead,
  socketGet,
} from "./transport/socket-get-attempt";
export { webPlatform } from "./web-platform";
