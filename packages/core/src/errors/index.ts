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
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  parseRetryAfter,
  RateLimitError,
  type StatusErrorContext,
  statusErrorFor,
  UnprocessableEntityError,
  type ValidationIssue,
} from "./api-errors";
export {
  type AvailableResource,
  CollectionNotFoundError,
  describeAvailable,
  InvalidArgumentError,
  MultipleResourcesFoundError,
  OrbitNotFoundError,
  OrganizationNotFoundError,
} from "./argument-errors";
export {
  FileDownloadError,
  FileError,
  type FileErrorCode,
  type FileErrorOptions,
  FileUploadError,
  IntegrityError,
} from "./file-errors";
export { ConfigurationError, LumlError, type LumlErrorOptions } from "./luml-error";
export { redactSecrets, redactValue } from "./redact";
