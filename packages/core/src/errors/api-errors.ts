/**
 * Errors of calls to the LUML API and to object storage: no reply
 * (`APIConnectionError`, `APITimeoutError`), a reply of the wrong shape
 * (`APIResponseValidationError`), or a non-2xx status (`APIStatusError` and one
 * class per status the SDK tells apart, chosen by `statusErrorFor`).
 */
import type { BaseIssue } from "valibot";
import { isInstanceCheck, LumlError } from "./luml-error";
import { redactSecrets, redactValue } from "./redact";

/** Options of `APIError` and its subclasses. */
export interface APIErrorOptions {
  /** What went wrong, for people; shown as the error's `message`. */
  message: string;
  /** The underlying error (a network `TypeError`, an abort reason, …), kept as `cause`. */
  cause?: unknown;
  /** Whether repeating the same call may succeed. Defaults to `false`. */
  isRetryable?: boolean;
  /** The method of the failed request. */
  method?: string;
  /** The URL of the failed request, without its query string (it may hold signatures). */
  url?: string;
  /** Which server the request went to. Defaults to `"api"`. */
  source?: APIErrorSource;
}

/**
 * Which server a failed request went to: the LUML API, or the object storage a
 * presigned URL points at (S3, Azure Blob…), whose refusals say nothing about the API key.
 */
export type APIErrorSource = "api" | "storage";

/** A call to the LUML API or to object storage failed. */
export class APIError extends LumlError {
  /** Whether `value` is an `APIError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<APIError>("APIError");

  /** The method of the failed request. */
  readonly method: string | undefined;
  /** The URL of the failed request, without its query string. */
  readonly url: string | undefined;
  /**
   * Which server the request went to. A 403 from `"storage"` is an expired
   * presigned URL or a bucket's policy, not the API key lacking rights.
   */
  readonly source: APIErrorSource;

  /** Creates the error. */
  constructor(options: APIErrorOptions) {
    super(options);
    this.method = options.method;
    this.source = options.source ?? "api";
    // Presigned URLs carry credentials in the query; errors keep only the path.
    this.url = options.url?.replace(/[?#].*$/s, "");
  }
}

/** The request never got a complete reply (DNS, refused or reset connection…). */
export class APIConnectionError extends APIError {
  /** Whether `value` is an `APIConnectionError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<APIConnectionError>("APIConnectionError");

  /** Creates the error; `cause` is the network error. */
  constructor(options: Partial<APIErrorOptions> & { cause?: unknown } = {}) {
    super({
      ...options,
      message: options.message ?? "Connection error: the request did not get a complete reply.",
      isRetryable: options.isRetryable ?? true,
    });
  }
}

/** One attempt took longer than the configured `timeout`. */
export class APITimeoutError extends APIConnectionError {
  /** Whether `value` is an `APITimeoutError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<APITimeoutError>("APITimeoutError");

  /** The timeout that expired, in milliseconds. */
  readonly timeout: number | undefined;

  /** Creates the error. */
  constructor(options: Partial<APIErrorOptions> & { timeout?: number } = {}) {
    const after = options.timeout === undefined ? "" : ` after ${options.timeout} ms`;
    super({ ...options, message: options.message ?? `Request timed out${after}.` });
    this.timeout = options.timeout;
  }
}

/** A reply did not have the shape the API contract promises. */
export class APIResponseValidationError extends APIError {
  /** Whether `value` is an `APIResponseValidationError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<APIResponseValidationError>(
    "APIResponseValidationError",
  );

  /** The valibot issues found in the reply, with credentials scrubbed from the values they quote. */
  readonly issues: ReadonlyArray<BaseIssue<unknown>>;
  /** The reply that failed validation, with credentials scrubbed. */
  readonly value: unknown;

  /**
   * Creates the error; the message lists the first issues with their paths, unless
   * `message` says what else was wrong (a reply too large to read, with no issues).
   */
  constructor(options: {
    issues: ReadonlyArray<BaseIssue<unknown>>;
    value: unknown;
    method?: string;
    url?: string;
    source?: APIErrorSource;
    message?: string;
    cause?: unknown;
  }) {
    // A wrong base URL can reach something that echoes the request, Authorization
    // header included: the issues quote the reply, so everything is scrubbed. The
    // transport already removed the client's own key, whatever its shape, from the
    // reply; the patterns here catch keys and tokens in any other value.
    const issues = redactValue(options.issues) as ReadonlyArray<BaseIssue<unknown>>;
    const shown = issues.slice(0, 5).map((issue) => {
      const path = issue.path?.map((item) => String(item.key)).join(".") ?? "";
      return path ? `${path}: ${issue.message}` : issue.message;
    });
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
    super({
      message:
        options.message ??
        `The server's reply does not match the expected shape: ${shown.join("; ")}${more}`,
      cause: options.cause,
      method: options.method,
      url: options.url,
      source: options.source,
    });
    this.issues = issues;
    this.value = redactValue(options.value);
  }
}

/** Headers never copied onto an error: they may carry credentials. */
const sensitiveHeaders = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "www-authenticate",
]);

/** Options of `APIStatusError` and its subclasses. */
export interface APIStatusErrorOptions {
  /** The HTTP status of the reply. */
  status: number;
  /** The parsed JSON body, or its text. */
  body?: unknown;
  /** Reply headers (web `Headers`, or any iterable of name/value pairs, or a record); credentials are dropped. */
  headers?: Iterable<[string, string]> | Record<string, string>;
  /** The method of the failed request (`GET`, `PUT`, …). */
  method?: string;
  /** The URL of the failed request; its query string is dropped (it may hold signatures). */
  url?: string;
  /** Which server answered. Defaults to `"api"`. */
  source?: APIErrorSource;
  /** Overrides the message derived from the status and body. */
  message?: string;
  /** Strings to scrub from the message, body and headers (the API key). */
  secrets?: ReadonlyArray<string | undefined>;
  /**
   * Whether repeating the same call may succeed. Defaults to `true` for 408, 429
   * and 5xx statuses, `false` otherwise.
   */
  isRetryable?: boolean;
  /** The underlying error, when there is one, kept as `cause`. */
  cause?: unknown;
}

/** The server answered with a non-2xx status. */
export class APIStatusError extends APIError {
  /** Whether `value` is an `APIStatusError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<APIStatusError>("APIStatusError");

  /** The HTTP status. */
  readonly status: number;
  /** The reply body (parsed JSON when it was JSON), with credentials scrubbed. */
  readonly body: unknown;
  /** The reply headers, without credential-bearing ones, with credentials scrubbed from the rest. */
  readonly headers: Record<string, string>;
  /** The server's request id (`x-request-id`, `x-amz-request-id`, `x-ms-request-id`), if any. */
  readonly requestId: string | undefined;

  /** Creates the error; the message shows the status and the server's `detail`. */
  constructor(options: APIStatusErrorOptions) {
    const secrets = options.secrets ?? [];
    const headers: Record<string, string> = {};
    const given = options.headers ?? {};
    // Not `instanceof Headers`: in Node that alone loads its fetch implementation.
    const pairs = Symbol.iterator in given ? given : Object.entries(given);
    const lowerSecrets = secrets.map((secret) => secret?.toLowerCase());
    for (const [key, value] of pairs as Iterable<[string, string]>) {
      const lower = key.toLowerCase();
      // Any header may echo the key (a `location` built from the request, say).
      if (!sensitiveHeaders.has(lower)) {
        // Names are lower-cased: so is the key looked for in them.
        headers[redactSecrets(lower, lowerSecrets)] = redactSecrets(value, secrets);
      }
    }
    const body = redactValue(options.body, secrets);
    const message = options.message ?? `${options.status} ${describeBody(body) || "(no details)"}`;
    const { status } = options;
    super({
      message: redactSecrets(message, secrets),
      cause: options.cause,
      method: options.method,
      url: options.url,
      source: options.source,
      isRetryable: options.isRetryable ?? (status === 408 || status === 429 || status >= 500),
    });
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.requestId =
      headers["x-request-id"] ?? headers["x-amz-request-id"] ?? headers["x-ms-request-id"];
  }
}

/** 400: the server refused the request (invalid status transition, unknown sort column, type mismatch…). */
export class BadRequestError extends APIStatusError {
  /** Whether `value` is a `BadRequestError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<BadRequestError>("BadRequestError");
}

/** 401: the API key is missing, malformed or unknown. */
export class AuthenticationError extends APIStatusError {
  /** Whether `value` is an `AuthenticationError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<AuthenticationError>("AuthenticationError");
}

/**
 * 403: the API key has no rights on this organization or orbit. From storage
 * (`source: "storage"`): the presigned URL expired or the bucket refused it.
 */
export class PermissionDeniedError extends APIStatusError {
  /** Whether `value` is a `PermissionDeniedError`, from this or any other copy of the package. */
  static override readonly isInstance =
    isInstanceCheck<PermissionDeniedError>("PermissionDeniedError");
}

/** 404: no such resource (or it belongs to another organization, orbit or collection). */
export class NotFoundError extends APIStatusError {
  /** Whether `value` is a `NotFoundError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<NotFoundError>("NotFoundError");
}

/** 409: the change conflicts with the resource's state (used by a deployment or a track, a limit reached). */
export class ConflictError extends APIStatusError {
  /** Whether `value` is a `ConflictError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<ConflictError>("ConflictError");
}

/** A 5xx status: the server failed; the call may succeed if repeated. */
export class InternalServerError extends APIStatusError {
  /** Whether `value` is an `InternalServerError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<InternalServerError>("InternalServerError");
}

/** One FastAPI request-validation issue. */
export interface ValidationIssue {
  /** Where: `["body", "file_name"]`. */
  loc: Array<string | number>;
  /** The server's explanation, e.g. `String should match pattern '^[^/]+$'`. */
  msg: string;
  /** The machine-readable kind of failure, e.g. `string_pattern_mismatch` or `missing`. */
  type: string;
}

/**
 * 422: the request failed the server's validation. The message lists each issue
 * as `body.file_name: string does not match regex …`.
 */
export class UnprocessableEntityError extends APIStatusError {
  /** Whether `value` is an `UnprocessableEntityError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<UnprocessableEntityError>(
    "UnprocessableEntityError",
  );

  /** The issues the server reported (empty when `detail` was not a list). */
  readonly issues: ValidationIssue[];

  /** Creates the error from the reply. */
  constructor(options: APIStatusErrorOptions) {
    super(options);
    const detail = (this.body as { detail?: unknown } | null | undefined)?.detail;
    this.issues = Array.isArray(detail) ? (detail as ValidationIssue[]) : [];
  }
}

/** 429: too many requests; retry after `retryAfter` milliseconds when known. */
export class RateLimitError extends APIStatusError {
  /** Whether `value` is a `RateLimitError`, from this or any other copy of the package. */
  static override readonly isInstance = isInstanceCheck<RateLimitError>("RateLimitError");

  /** Milliseconds the server asked to wait (from `Retry-After`), if it said. */
  readonly retryAfter: number | undefined;

  /** Creates the error from the reply. */
  constructor(options: APIStatusErrorOptions) {
    super(options);
    this.retryAfter = parseRetryAfter(this.headers["retry-after"]);
  }
}

/**
 * Reads a `Retry-After` value (delta seconds or an HTTP date) as milliseconds
 * from `now`; `undefined` when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (value == null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Extra facts about the failed request. */
export type StatusErrorContext = Omit<APIStatusErrorOptions, "status" | "body">;

const statusClasses: Record<number, typeof APIStatusError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The `APIStatusError` subclass for `status`, built from the reply's body and headers. */
export function statusErrorFor(
  status: number,
  body: unknown,
  context: StatusErrorContext = {},
): APIStatusError {
  const ErrorClass =
    statusClasses[status] ?? (status >= 500 ? InternalServerError : APIStatusError);
  return new ErrorClass({ ...context, status, body });
}

/** The human part of a reply: FastAPI's `detail`, an S3/Azure XML message, or the text. */
export function describeBody(body: unknown): string {
  if (body == null) return "";
  if (typeof body === "string") return describeText(body);
  if (typeof body === "object" && "detail" in body) {
    const detail = (body as { detail: unknown }).detail;
    if (typeof detail === "string") return detail;
    if (Array.isArray(detail)) return detail.map(describeValidationIssue).join("; ");
    return JSON.stringify(detail);
  }
  return JSON.stringify(body);
}

/** Renders one FastAPI validation issue as `body.file_name: <msg>`. */
export function describeValidationIssue(issue: unknown): string {
  if (issue === null || typeof issue !== "object") return String(issue);
  const { loc, msg } = issue as { loc?: unknown; msg?: unknown };
  const where = Array.isArray(loc) ? loc.map(String).join(".") : "";
  const what = typeof msg === "string" ? msg : JSON.stringify(issue);
  return where ? `${where}: ${what}` : what;
}

function describeText(text: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  if (code || message) return [code, message].filter(Boolean).join(": ");
  const trimmed = text.trim();
  return trimmed.length > 500 ? `${trimmed.slice(0, 500)}…` : trimmed;
}
