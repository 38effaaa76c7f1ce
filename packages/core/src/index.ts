export * from "./archive/index";
export {
  defaultBaseUrl,
  LumlClient,
  type LumlClientOptions,
  type SetupConfigOptions,
} from "./client";
export * from "./errors/index";
export * from "./models/index";
export type {
  DownloadSink,
  Platform,
  ProgressCallback,
  ProgressEvent,
  Sha256,
  UploadSource,
} from "./platform";
export type { DefaultsRequest } from "./resolve-defaults";
export {
  type CreateArtifactBody,
  fileNamePattern,
  maxArtifactSize,
  type UpdateArtifactBody,
} from "./resources/artifact-inputs";
export * from "./resources/artifact-transfers";
export {
  type ArtifactRequestOptions,
  ArtifactsResource,
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
export { type OrbitRequestOptions, OrbitsResource } from "./resources/orbits";
export { OrganizationsResource } from "./resources/organizations";
export type { DefaultIds, RequestOptions } from "./resources/resource-context";
export type { CollectionScope, OrbitScope, OrbitScopeOptions } from "./resources/scope";
export * from "./storage/index";
export {
  createKyTransport,
  defaultStorageTimeout,
  defaultTimeout,
  type KyTransportOptions,
} from "./transport/ky-transport";
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
