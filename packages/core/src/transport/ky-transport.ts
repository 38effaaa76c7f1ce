import ky, { isNetworkError, isTimeoutError } from "ky";
import { APIConnectionError } from "../errors/api-connection-error";
import { APITimeoutError } from "../errors/api-timeout-error";
import { statusErrorFor } from "../errors/status-error-for";
import { buildUrl } from "./build-url";
import { defaultRetryPolicy, type RetryPolicy } from "./retry-policy";
import { retryStorageRequest } from "./retry-storage-request";
import { canStreamRequestBody, isServerRuntime } from "./runtime";
import type {
  ApiRequest,
  ApiResponse,
  StorageRequest,
  StorageResponse,
  Transport,
} from "./transport";
import { bodyLength, countingStream } from "./upload-body";
import { withRetries } from "./with-retries";

/** Options of `createKyTransport`. */
export interface KyTransportOptions {
  /** The API's base URL (`https://api.luml.ai`); paths start with `/v1/`. */
  baseUrl: string;
  /** The API key, sent as a bearer token on API calls only (never to storage). */
  apiKey: string;
  /** Milliseconds before one API attempt gives up. Default 60 000. */
  timeout?: number;
  /** Milliseconds before one storage attempt gets its reply headers. Default 600 000. */
  storageTimeout?: number;
  /** Retries after a failed attempt, for API and storage requests. Default 2. */
  maxRetries?: number;
  /** The `fetch` to use. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Extra headers sent with every API call. */
  headers?: Record<string, string>;
  /** `User-Agent` for API calls in server runtimes (browsers set their own). */
  userAgent?: string;
}

/** Default per-attempt timeout of API calls, in milliseconds. */
export const defaultTimeout = 60_000;
/** Default time a storage attempt may wait for its reply headers, in milliseconds. */
export const defaultStorageTimeout = 600_000;

/**
 * The SDK's `Transport`: JSON calls to the LUML API through ky, raw storage
 * requests through `fetch`, both with per-attempt timeouts and retries
 * (network errors, 408, 429, 5xx; exponential backoff with full jitter,
 * honouring `Retry-After`). Aborts reject with the signal's reason, unwrapped.
 */
export function createKyTransport(options: KyTransportOptions): Transport {
  const policy: RetryPolicy = {
    ...defaultRetryPolicy,
    maxRetries: options.maxRetries ?? defaultRetryPolicy.maxRetries,
  };
  const fetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const secrets = [options.apiKey];
  const client = ky.create({
    retry: 0,
    throwHttpErrors: false,
    fetch: fetchFunction,
    headers: apiHeaders(options),
  });

  const request = (apiRequest: ApiRequest): Promise<ApiResponse> =>
    withRetries({ ...apiRequest, policy }, () => apiAttempt(client, options, apiRequest, secrets));

  const storage = (storageRequest: StorageRequest): Promise<StorageResponse> =>
    retryStorageRequest(
      storageRequest,
      (attemptRequest) => storageAttempt(fetchFunction, options, attemptRequest, secrets),
      policy,
    );

  return { request, storage };
}

function apiHeaders(options: KyTransportOptions): Record<string, string> {
  const headers: Record<string, string> = {
    ...options.headers,
    accept: "application/json",
    authorization: `Bearer ${options.apiKey}`,
  };
  if (options.userAgent && isServerRuntime()) headers["user-agent"] = options.userAgent;
  return headers;
}

async function apiAttempt(
  client: typeof ky,
  options: KyTransportOptions,
  request: ApiRequest,
  secrets: string[],
): Promise<ApiResponse> {
  const url = buildUrl(options.baseUrl, request.path, request.query);
  const timeout = request.timeout ?? options.timeout ?? defaultTimeout;
  let response: Response;
  try {
    response = await client(url, {
      method: request.method,
      json: request.body,
      timeout,
      signal: request.signal,
    });
  } catch (error) {
    throw failedAttemptError(error, request.signal, { method: request.method, url, timeout });
  }
  const text = await readText(response, request.signal, { method: request.method, url });
  const body = parseBody(text);
  if (!response.ok) {
    throw statusErrorFor(response.status, body, {
      headers: response.headers,
      method: request.method,
      url,
      secrets,
    });
  }
  return { status: response.status, headers: response.headers, body };
}

async function storageAttempt(
  fetchFunction: typeof fetch,
  options: KyTransportOptions,
  request: StorageRequest,
  secrets: string[],
): Promise<StorageResponse> {
  const onProgress = request.onUploadProgress;
  const timeout = request.timeout ?? options.storageTimeout ?? defaultStorageTimeout;
  const timeoutController = new AbortController();
  const timer = setTimeout(() => timeoutController.abort(), timeout);
  const signal = request.signal
    ? anySignal([request.signal, timeoutController.signal])
    : timeoutController.signal;
  const context = { method: request.method, url: request.url, timeout };
  try {
    const { init, streamed, length } = storageInit(request, onProgress, signal);
    let response: Response;
    try {
      response = await fetchFunction(request.url, init);
    } catch (error) {
      throw failedAttemptError(error, request.signal, context, timeoutController.signal);
    }
    if (response.ok && request.responseType === "stream") {
      return { status: response.status, headers: response.headers, body: response.body };
    }
    const text = await readText(response, request.signal, context, timeoutController.signal);
    if (!response.ok) {
      throw statusErrorFor(response.status, text, {
        headers: response.headers,
        method: request.method,
        url: request.url,
        secrets,
      });
    }
    // Without a streamed body the only progress to report is "all sent".
    if (onProgress && !streamed && length !== undefined) onProgress(length);
    return { status: response.status, headers: response.headers, text };
  } finally {
    clearTimeout(timer);
  }
}

function storageInit(
  request: StorageRequest,
  onProgress: ((loaded: number) => void) | undefined,
  signal: AbortSignal,
): { init: RequestInit & { duplex?: "half" }; streamed: boolean; length: number | undefined } {
  const headers: Record<string, string> = { ...request.headers };
  const init: RequestInit & { duplex?: "half" } = { method: request.method, headers, signal };
  if (request.body === undefined) return { init, streamed: false, length: undefined };
  const length = bodyLength(request.body);
  if (onProgress && length > 0 && canStreamRequestBody()) {
    // Counting bytes as fetch pulls them gives real progress; the declared
    // length keeps the request un-chunked, as presigned storage URLs require.
    init.body = countingStream(request.body, onProgress);
    init.duplex = "half";
    headers["content-length"] = String(length);
    return { init, streamed: true, length };
  }
  init.body = request.body as BodyInit;
  return { init, streamed: false, length };
}

/** Turns a failed fetch into the SDK's error, or the abort reason. */
function failedAttemptError(
  error: unknown,
  userSignal: AbortSignal | undefined,
  context: { method: string; url: string; timeout: number },
  timeoutSignal?: AbortSignal,
): unknown {
  if (userSignal?.aborted) return userSignal.reason;
  if (isTimeoutError(error) || timeoutSignal?.aborted) {
    return new APITimeoutError({
      method: context.method,
      url: context.url,
      timeout: context.timeout,
    });
  }
  const cause = isNetworkError(error) ? (error.cause ?? error) : error;
  return new APIConnectionError({ method: context.method, url: context.url, cause });
}

async function readText(
  response: Response,
  userSignal: AbortSignal | undefined,
  context: { method: string; url: string; timeout?: number },
  timeoutSignal?: AbortSignal,
): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (userSignal?.aborted) throw userSignal.reason;
    if (timeoutSignal?.aborted) {
      throw new APITimeoutError({
        method: context.method,
        url: context.url,
        timeout: context.timeout,
      });
    }
    throw new APIConnectionError({
      method: context.method,
      url: context.url,
      cause: error,
      message: "Connection error: the reply was cut off before its end.",
    });
  }
}

/** JSON when the text is JSON, `undefined` when empty, else the text itself. */
function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `AbortSignal.any`, with a fallback for runtimes that lack it. */
function anySignal(signals: AbortSignal[]): AbortSignal {
  const native = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
  if (native) return native(signals);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}
