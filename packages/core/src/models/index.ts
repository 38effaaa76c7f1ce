export {
  type Artifact,
  type ArtifactDetails,
  artifactDetailsSchema,
  artifactSchema,
  type ListedArtifact,
  listedArtifactSchema,
} from "./artifact";
export {
  type Collection,
  type CollectionDetails,
  collectionDetailsSchema,
  collectionSchema,
} from "./collection";
export {
  ArtifactStatus,
  ArtifactType,
  artifactStatusSchema,
  artifactTypeSchema,
  CollectionType,
  collectionTypeSchema,
  SortOrder,
} from "./enums";
export {
  type ArtifactManifest,
  artifactManifestSchema,
  type JsonModelIO,
  jsonModelIOSchema,
  type LumlArtifactManifest,
  lumlArtifactManifestSchema,
  type ManifestVariable,
  type ModelIO,
  type ModelManifest,
  manifestProblem,
  manifestVariableSchema,
  modelIOSchema,
  modelManifestSchema,
  type NdjsonModelIO,
  ndjsonModelIOSchema,
} from "./manifest";
export {
  type AzureMultipartUploadInfo,
  azureMultipartUploadInfoSchema,
  type MultipartUploadInfo,
  multipartUploadInfoSchema,
  type S3MultipartUploadInfo,
  s3MultipartUploadInfoSchema,
  type UploadPart,
  uploadPartSchema,
} from "./multipart-upload-info";
export { type Orbit, orbitListSchema, orbitSchema } from "./orbit";
export { type Organization, organizationListSchema, organizationSchema } from "./organization";
export { type Page, pageSchema } from "./page";
export { type ParseResponseContext, parseResponse } from "./parse-response";
export {
  type CreatedArtifact,
  createdArtifactSchema,
  type UploadDetails,
  uploadDetailsSchema,
} from "./upload-details";
export { type UrlResponse, urlResponseSchema } from "./url-response";
