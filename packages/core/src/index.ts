// The public surface of @luml/core, which @luml/node, @luml/browser and @luml/deno
// re-export whole (each with its own LumlClient). Every name here is a reviewed
// choice, recorded in api-report.md (`pnpm run api-report` regenerates it; a test
// compares it with the built declarations). What the runtime packages and tests build on (storage
// plumbing, platforms, default constants, status mapping) lives in
// `@luml/core/internal`, not here.

// Archives: index a tar archive, check a file before upload.
export {
  type ArchiveIndex,
  type FileIndex,
  type IndexArchiveOptions,
  indexArchive,
} from "./archive/index-archive";
export { validateArtifactFile } from "./archive/validate-artifact-file";
// The client and its options.
export {
  type CreateLumlClientOptions,
  LumlClient,
  type LumlClientOptions,
  type SetupConfigOptions,
} from "./client";
// Errors: every error the SDK throws is a `LumlError` (narrow with `isInstance`).
export {
  APIConnectionError,
  APIError,
  type APIErrorOptions,
  type APIErrorSource,
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
  RateLimitError,
  UnprocessableEntityError,
  type ValidationIssue,
} from "./errors/index";
// Models and enums: what the API returns, with the API's field names.
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
// Progress, sources and sinks: what upload and download report and accept, and
// what a runtime supplies as `LumlClientOptions.platform`.
export type {
  DownloadSink,
  Platform,
  ProgressCallback,
  ProgressEvent,
  Sha256,
  UploadSource,
} from "./platform";
export type { DefaultsRequest } from "./resolve-defaults";
// Resources (reached through the client, so types only) and their options.
export type { CreateArtifactBody, UpdateArtifactBody } from "./resources/artifact-inputs";
export type {
  DownloadArtifactOptions,
  DownloadResult,
  DownloadTarget,
  UploadArtifactOptions,
  UploadInput,
} from "./resources/artifact-transfers";
export type {
  ArtifactRequestOptions,
  ArtifactStream,
  ArtifactsResource,
  CleanupPendingUploadsOptions,
  ListAllArtifactsOptions,
  ListArtifactsOptions,
} from "./resources/artifacts";
export type {
  BucketSecretsResource,
  GetMultipartUploadUrlsOptions,
} from "./resources/bucket-secrets";
export {
  type CollectionSortColumn,
  type CollectionsResource,
  collectionSortColumns,
  type ListAllCollectionsOptions,
  type ListCollectionsOptions,
} from "./resources/collections";
export type {
  FileSavingArtifacts,
  SavedDownloadResult,
} from "./resources/file-saving-artifacts";
// Key-less uploads (a page prepares and sends, its server holding the key begins and
// completes), the other resources, and the upload plans.
export type { AbortUploadInput, BeginUploadOptions } from "./resources/keyless-upload";
export type { OrbitRequestOptions, OrbitsResource } from "./resources/orbits";
export type { OrganizationsResource } from "./resources/organizations";
export type { PreparedUpload } from "./resources/prepare-artifact-file";
export type { DefaultIds, RequestOptions } from "./resources/resource-context";
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
// The transport `artifacts.transport` exposes, and the logger option.
export type { Logger } from "./transport/logger";
export type { ReplyHeaders } from "./transport/reply-headers";
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
