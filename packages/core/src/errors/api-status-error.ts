import { APIError } from "./api-error";
import { LumlError } from "./luml-error";
import { redactSecrets, redactValue } from "./redact";

const name = "APIStatusError";
const marker = `luml.error.${name}`;
const symbol = Symbol.for(marker);

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
  /** Reply headers; credentials are dropped. */
  headers?: Headers | Record<string, string>;
  /** The method of the failed request (`GET`, `PUT`, …). */
  method?: string;
  /** The URL of the failed request; its query string is dropped (it may hold signatures). */
  url?: string;
  /** Overrides the message derived from the status and body. */
  message?: string;
  /** Strings to scrub from the message and body (the API key). */
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
  /**
   * Brand that lets `isInstance` recognise this class across copies of the package.
   * @internal
   */
  protected readonly [symbol] = true;

  /** The HTTP status. */
  readonly status: number;
  /** The reply body (parsed JSON when it was JSON), with credentials scrubbed. */
  readonly body: unknown;
  /** The reply headers, without credential-bearing ones. */
  readonly headers: Record<string, string>;
  /** The server's request id (`x-request-id`, `x-amz-request-id`, `x-ms-request-id`), if any. */
  readonly requestId: string | undefined;

  /** Creates the error; the message shows the status and the server's `detail`. */
  constructor(options: APIStatusErrorOptions) {
    const secrets = options.secrets ?? [];
    const headers = safeHeaders(options.headers);
    const body = redactValue(options.body, secrets);
    const message = redactSecrets(
      options.message ?? `${options.status} ${describeBody(body) || "(no details)"}`,
      secrets,
    );
    super({
      message,
      cause: options.cause,
      method: options.method,
      url: options.url,
      isRetryable:
        options.isRetryable ??
        (options.status === 408 || options.status === 429 || options.status >= 500),
    });
    this.name = name;
    this.status = options.status;
    this.body = body;
    this.headers = headers;
    this.requestId =
      headers["x-request-id"] ?? headers["x-amz-request-id"] ?? headers["x-ms-request-id"];
  }

  /** Whether `value` is an `APIStatusError` (from any copy of the package). */
  static override isInstance(value: unknown): value is APIStatusError {
    return LumlError.hasMarker(value, marker);
  }
}

function safeHeaders(
  headers: Headers | Record<string, string> | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  if (!headers) return result;
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [key, value] of entries) {
    const lower = key.toLowerCase();
    if (!sensitiveHeaders.has(lower)) result[lower] = redactSecrets(value);
  }
  return result;
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
