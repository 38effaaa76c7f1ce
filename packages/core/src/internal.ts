// `@luml/core/internal`: what the runtime packages build on. Not for applications:
// it may change in any release. Applications import `@luml/core` (or their
// runtime's package) instead.

export {
  type PrepareArtifactFileOptions,
  type PreparedArtifactFile,
  prepareArtifactFile,
} from "./resources/prepare-artifact-file";
export { type SendUploadPlanOptions, sendUploadPlan } from "./resources/send-upload-plan";
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
export { createTransport, type TransportOptions } from "./transport/create-transport";
export { createFetchAttempt } from "./transport/fetch-attempt";
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
