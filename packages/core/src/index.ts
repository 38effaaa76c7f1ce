// The public surface of @luml/core, and through `export *` of @luml/node,
// @luml/browser and @luml/deno. Every name here is a reviewed choice: helpers the
// SDK uses internally (schemas, storage plumbing, redaction) stay unexported.

// Archives: index a tar archive, read its metrics, check a file before upload.
export { computeExtraValues } from "./archive/extra-values";
export {
  type ArchiveIndex,
  type FileIndex,
  type IndexArchiveOptions,
  indexArchive,
} from "./archive/index-archive";
export { artifactExtensions, validateArtifactFile } from "./archive/validate-artifact-file";

// The client and its options.
export {
  defaultBaseUrl,
  LumlClient,
  type LumlClientOptions,
  type SetupConfigOptions,
} from "./client";
// Errors.
export {
  APIConnectionError,
  APIError,
  type APIErrorOptions,
  APIResponseValidationError,
  APIStatusError,
  type APIStatusErrorOptions,
  APITimeoutError,
  AuthenticationError,
  type AvailableResource,
  BadRequestError,
  CollectionNotFoundError,
  ConfigurationError,
  ConflictError,
  FileDownloadError,
  FileError,
  type FileErrorCode,
  type FileErrorOptions,
  FileUploadError,
  IntegrityError,
  InternalServerError,
  InvalidArgumentError,
  LumlError,
  type LumlErrorOptions,
  MultipleResourcesFoundError,
  NotFoundError,
  OrbitNotFoundError,
  OrganizationNotFoundError,
  PermissionDeniedError,
  // Runtime packages map their own storage replies to the same errors.
  parseRetryAfter,
  RateLimitError,
  type StatusErrorContext,
  statusErrorFor,
  UnprocessableEntityError,
  type ValidationIssue,
} from "./errors/index";
// Models: what the API returns, with the API's field names.
export type { Artifact, ArtifactDetails, ListedArtifact } from "./models/artifact";
export type { Collection, CollectionDetails } from "./models/collection";
export { ArtifactStatus, ArtifactType, CollectionType, SortOrder } from "./models/enums";
export type {
  ArtifactManifest,
  JsonModelIO,
  LumlArtifactManifest,
  ManifestVariable,
  ModelIO,
  ModelManifest,
  NdjsonModelIO,
} from "./models/manifest";
export type {
  AzureMultipartUploadInfo,
  MultipartUploadInfo,
  S3MultipartUploadInfo,
  UploadPart,
} from "./models/multipart-upload-info";
export type { Orbit } from "./models/orbit";
export type { Organization } from "./models/organization";
export type { Page } from "./models/page";
export type { CreatedArtifact, UploadDetails } from "./models/upload-details";
export type { UrlResponse } from "./models/url-response";
// What a runtime package supplies.
export type {
  DownloadSink,
  Platform,
  ProgressCallback,
  ProgressEvent,
  Sha256,
  UploadSource,
} from "./platform";
export type { DefaultsRequest } from "./resolve-defaults";

// Resources and their options.
export {
  type CreateArtifactBody,
  fileNamePattern,
  maxArtifactSize,
  type UpdateArtifactBody,
} from "./resources/artifact-inputs";
export {
  type ArtifactTransferContext,
  type DownloadArtifactOptions,
  type DownloadResult,
  type DownloadTarget,
  downloadArtifact,
  type UploadArtifactOptions,
  type UploadInput,
  uploadArtifact,
} from "./resources/artifact-transfers";
export {
  type ArtifactRequestOptions,
  type ArtifactStream,
  ArtifactsResource,
  type CleanupPendingUploadsOptions,
  type ListAllArtifactsOptions,
  type ListArtifactsOptions,
} from "./resources/artifacts";
export {
  BucketSecretsResource,
  type GetMultipartUploadUrlsOptions,
} from "./resources/bucket-secrets";
export {
  type CollectionSortColumn,
  CollectionsResource,
  collectionSortColumns,
  type ListAllCollectionsOptions,
  type ListCollectionsOptions,
} from "./resources/collections";
// Key-less uploads: a page prepares and sends, its server (holding the key) begins and completes.
export type { AbortUploadInput, BeginUploadOptions } from "./resources/keyless-upload";
export { type OrbitRequestOptions, OrbitsResource } from "./resources/orbits";
export { OrganizationsResource } from "./resources/organizations";
export type { PreparedUpload } from "./resources/prepare-artifact-file";
export type { DefaultIds, RequestOptions, ResourceContext } from "./resources/resource-context";
export type { CollectionScope, OrbitScope, OrbitScopeOptions } from "./resources/scope";
export { artifactSortColumns } from "./resources/unknown-sort-key";
export type {
  CompleteUploadInput,
  MultipartUploadPlan,
  PlannedPart,
  SentPart,
  SentUpload,
  SingleUploadPlan,
  UploadPlan,
} from "./resources/upload-plan";
export { type BlobSink, createBlobSink } from "./storage/blob-sink";
// Storage transfers to presigned URLs, and hashing.
export {
  type DownloadObjectOptions,
  defaultDownloadPartSize,
  defaultMaxResumes,
  downloadObject,
} from "./storage/download-object";
export { type HashBlobOptions, hashBlob } from "./storage/hash-blob";
export { createStreamSink } from "./storage/stream-sink";
export {
  defaultUploadConcurrency,
  type UploadObjectOptions,
  uploadObject,
} from "./storage/upload-object";
// Transport: core's clocks and retries; a runtime adds only the attempt (see `@luml/core/internal`).
export {
  defaultIdleTimeout,
  defaultStorageTimeout,
  defaultTimeout,
} from "./transport/create-transport";
export type {
  HttpAttempt,
  HttpAttemptReply,
  HttpAttemptRequest,
} from "./transport/http-attempt";
export type { Logger } from "./transport/logger";
export { defaultRetryPolicy, type RetryPolicy } from "./transport/retry-policy";
export type {
  ApiRequest,
  ApiResponse,
  CallOptions,
  HttpMethod,
  QueryValue,
  StorageRequest,
  StorageResponse,
  Transport,
} from "./transport/transport";
export { VERSION } from "./version";
export { webPlatform } from "./web-platform";
