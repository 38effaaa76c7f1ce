import { secretForms, withoutSecrets } from "../errors/redact";
import { buildUrl } from "./build-url";
import type { HttpAttempt } from "./http-attempt";
import { type Logger, logged, resolveLogger } from "./logger";
import { defaultRetryPolicy, type RetryPolicy } from "./retry-policy";
import { type AttemptTimeouts, parseBody, runAttempt } from "./run-attempt";
import { isServerRuntime } from "./runtime";
import type {
  ApiRequest,
  ApiResponse,
  StorageRequest,
  StorageResponse,
  Transport,
} from "./transport";
import { withRetries } from "./with-retries";

/** Default wait for an API reply's headers, in milliseconds. */
export const defaultTimeout = 60_000;
/** Default wait for a storage reply's headers, in milliseconds. */
export const defaultStorageTimeout = 600_000;
/** Default longest pause in a request or reply body, in milliseconds. */
export const defaultIdleTimeout = 60_000;

/** Options of {@link createTransport}. */
export interface TransportOptions {
  /** The API's base URL (`https://api.luml.ai`); paths start with `/v1/`. */
  baseUrl: string;
  /** The API key, sent as a bearer token on API calls only (never to storage). */
  apiKey: string;
  /** Wait for an API reply's headers. Default 60 000 ms. */
  timeout?: number;
  /** Wait for a storage reply's headers. Default 600 000 ms. */
  storageTimeout?: number;
  /** Longest pause in a request or reply body, API and storage. Default 60 000 ms. */
  idleTimeout?: number;
  /** Retries after a failed attempt. Default 2. */
  maxRetries?: number;
  /** Extra headers sent with every API call. */
  headers?: Record<string, string>;
  /** `User-Agent` for API calls in server runtimes (browsers set their own). */
  userAgent?: string;
  /** Sends one API call. */
  apiAttempt: HttpAttempt;
  /** Receives one line per attempt (method, URL without query, outcome, time). */
  logger?: Logger;
  /** Sends one storage request. */
  storageAttempt: HttpAttempt;
}

/**
 * The SDK's `Transport`: API calls and storage requests through the same runner
 * (`runAttempt`: header and idle timeouts, error mapping) and the same retry loop
 * (`withRetries`: network errors, timeouts, 408, 429, 5xx for idempotent requests,
 * a 429 for any, exponential backoff with full jitter, `Retry-After` honoured). Only the attempts
 * differ: the API's is fetch, storage's is the runtime's.
 */
export function createTransport(options: TransportOptions): Transport {
  const policy: RetryPolicy = {
    ...defaultRetryPolicy,
    maxRetries: options.maxRetries ?? defaultRetryPolicy.maxRetries,
  };
  const secrets = secretForms(options.apiKey);
  const logger = resolveLogger(options.logger);
  const headers = apiHeaders(options);
  const policyFor = (maxRetries: number | undefined): RetryPolicy =>
    maxRetries === undefined ? policy : { ...policy, maxRetries };

  const request = (apiRequest: ApiRequest): Promise<ApiResponse> => {
    const url = buildUrl(options.baseUrl, apiRequest.path, apiRequest.query);
    const body = apiRequest.body === undefined ? undefined : JSON.stringify(apiRequest.body);
    const requestHeaders = body === undefined ? headers : { ...headers, "content-type": jsonType };
    const context = {
      method: apiRequest.method,
      retry: apiRequest.retry,
      signal: apiRequest.signal,
      policy: policyFor(apiRequest.maxRetries),
    };
    let attempt = 0;
    return withRetries(context, async () => {
      attempt += 1;
      const result = await logged(logger, { method: apiRequest.method, url, attempt }, () =>
        runAttempt(
          options.apiAttempt,
          { method: apiRequest.method, url, headers: requestHeaders, body },
          {
            signal: apiRequest.signal,
            timeout: apiRequest.timeout ?? options.timeout ?? defaultTimeout,
            idleTimeout: apiRequest.idleTimeout ?? options.idleTimeout ?? defaultIdleTimeout,
            responseType: "text",
            secrets,
          },
        ),
      );
      // No LUML reply holds the caller's own key, but whatever answers at a wrong base
      // URL may echo the request back. Scrubbed here, the key cannot reach any error
      // built from the reply later (a validation error quoting it, a not-found error
      // listing names), whatever the key looks like. The text is searched first: a
      // page of large archives' indexes is millions of values, walked only when the
      // key is in it.
      const text = result.text ?? "";
      const parsed = parseBody(text);
      const echoed = secrets.some((secret) => text.includes(secret));
      const replyBody = echoed ? withoutSecrets(parsed, secrets) : parsed;
      return { status: result.status, headers: result.headers, body: replyBody };
    });
  };

  const storage = (storageRequest: StorageRequest): Promise<StorageResponse> => {
    const onUploadProgress = monotonic(storageRequest.onUploadProgress);
    const context = {
      method: storageRequest.method,
      retry: storageRequest.retry,
      signal: storageRequest.signal,
      policy: policyFor(storageRequest.maxRetries),
      earlierFailures: storageRequest.earlierFailures,
    };
    // Numbered after the request's earlier failed attempts, as its log lines read.
    let attempt = storageRequest.earlierFailures?.count ?? 0;
    return withRetries(context, () => {
      attempt += 1;
      const request = { method: storageRequest.method, url: storageRequest.url, attempt };
      return logged(logger, request, () =>
        runAttempt(
          options.storageAttempt,
          {
            method: storageRequest.method,
            url: storageRequest.url,
            headers: { ...storageRequest.headers },
            body: storageRequest.body,
            onUploadProgress,
          },
          {
            signal: storageRequest.signal,
            ...storageTimeouts(storageRequest, options),
            responseType: storageRequest.responseType ?? "text",
            secrets,
            storage: true,
          },
        ),
      ).then((response) => ({ ...response, attempts: attempt }));
    });
  };

  return { request, storage };
}

const jsonType = "application/json";

/**
 * A storage request's clocks. Object stores answer a PUT of bytes (a file, a part)
 * as soon as the last one arrives, but its last few MiB can sit in socket buffers
 * while a server that stopped reading shows no stalled progress: after the last
 * byte, such a PUT waits at most `idleTimeout`, not the storage timeout. The
 * requests that end a multipart upload (an XML text body) may take minutes to be
 * answered and keep the whole wait.
 */
function storageTimeouts(request: StorageRequest, options: TransportOptions): AttemptTimeouts {
  const timeout = request.timeout ?? options.storageTimeout ?? defaultStorageTimeout;
  const idleTimeout = request.idleTimeout ?? options.idleTimeout ?? defaultIdleTimeout;
  const sendsBytes = request.body !== undefined && typeof request.body !== "string";
  return sendsBytes
    ? { timeout, idleTimeout, afterBodyTimeout: Math.min(timeout, idleTimeout) }
    : { timeout, idleTimeout };
}

function apiHeaders(options: TransportOptions): Record<string, string> {
  const headers: Record<string, string> = {
    ...lowerCaseKeys(options.headers),
    accept: jsonType,
    authorization: `Bearer ${options.apiKey}`,
  };
  if (options.userAgent && isServerRuntime()) headers["user-agent"] = options.userAgent;
  return headers;
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = value;
  return result;
}

/** A retried attempt starts again from byte 0; progress must never go backwards. */
function monotonic(
  callback: ((loaded: number) => void) | undefined,
): ((loaded: number) => void) | undefined {
  if (!callback) return undefined;
  let reported = -1;
  return (loaded) => {
    if (loaded > reported) {
      reported = loaded;
      callback(loaded);
    }
  };
}
