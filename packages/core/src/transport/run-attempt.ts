import { APIResponseValidationError, APITimeoutError, statusErrorFor } from "../errors";
import { describeBody } from "../errors/api-errors";
import { attemptFailure, describeRequest, type FailureContext } from "./attempt-failure";
import type { HttpAttempt, HttpAttemptReply, HttpAttemptRequest } from "./http-attempt";
import type { ReplyHeaders } from "./reply-headers";
import { untilAborted } from "./until-aborted";
import { bodyLength } from "./upload-body";
import { Watchdog, type WatchdogWait } from "./watchdog";

/** The two clocks every request runs under, in milliseconds. */
export interface AttemptTimeouts {
  /**
   * How long to wait for the reply's headers: from the start, or from the last
   * request-body byte sent when the attempt reports upload progress.
   */
  timeout: number;
  /** The longest pause allowed while a request body is sent or a reply body received. */
  idleTimeout: number;
  /**
   * How long to wait for the reply's headers once the last request-body byte is
   * sent, where the attempt reports progress. Default: `timeout`.
   */
  afterBodyTimeout?: number;
}

/** Options of {@link runAttempt}. */
export interface RunAttemptOptions extends AttemptTimeouts {
  /** The caller's signal: an abort rejects with its reason, unwrapped. */
  signal?: AbortSignal;
  /** `text` reads the whole reply; `stream` hands a 2xx reply's body over, still watched. */
  responseType: "text" | "stream";
  /** Strings that must never appear in an error (the API key). */
  secrets?: string[];
  /** Whether the request goes to storage: its errors then say so, and where. */
  storage?: boolean;
}

/** A 2xx reply, read as asked. */
export interface AttemptResult {
  /** The HTTP status. */
  status: number;
  /** The reply headers. */
  headers: ReplyHeaders;
  /** The whole body, for `responseType: "text"`. */
  text?: string;
  /** The body, for `responseType: "stream"`: errors with `APITimeoutError` when it stalls. */
  body?: ReadableStream<Uint8Array> | null;
}

/** The request without the signal, which the runner supplies. */
export type AttemptRequest = Omit<HttpAttemptRequest, "signal">;

/**
 * Runs one attempt under the SDK's clocks and maps what it ends with: the one place
 * where timeouts and errors are decided, whichever runtime sent the bytes.
 * - No reply headers within `timeout` (counted from the last request byte sent, when
 *   the attempt reports progress), or no body bytes for `idleTimeout` while sending
 *   or receiving: `APITimeoutError` (retryable).
 * - The caller's abort: its reason. A network failure: `APIConnectionError`. A
 *   non-2xx reply: `statusErrorFor`'s class, with the body summarised.
 * - A reply read whole that is larger than {@link maxReplyBytes}:
 *   `APIResponseValidationError` (not retryable).
 */
export async function runAttempt(
  attempt: HttpAttempt,
  request: AttemptRequest,
  options: RunAttemptOptions,
): Promise<AttemptResult> {
  const userSignal = options.signal;
  userSignal?.throwIfAborted();
  const context: FailureContext = {
    method: request.method,
    url: request.url,
    source: options.storage ? "storage" : "api",
  };
  const controller = new AbortController();
  const onUserAbort = () => controller.abort(userSignal?.reason);
  userSignal?.addEventListener("abort", onUserAbort, { once: true });
  const watchdog = new Watchdog((milliseconds, wait) =>
    controller.abort(timeoutError(context, milliseconds, wait)),
  );
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    watchdog.disarm();
    userSignal?.removeEventListener("abort", onUserAbort);
  };

  watchdog.arm(options.timeout, "headers");
  let reply: HttpAttemptReply;
  try {
    reply = await untilAborted(
      attempt({
        ...request,
        signal: controller.signal,
        onUploadProgress: progressWatcher(request, watchdog, options, controller.signal),
        // Bytes arriving while the consumer waits for a chunk keep its idle clock from expiring.
        onReplyProgress: () => watchdog.extend("reply-body"),
      }),
      controller.signal,
      discard,
    );
  } catch (error) {
    release();
    throw attemptFailure(error, controller.signal, context);
  }
  watchdog.disarm();

  const ok = reply.status >= 200 && reply.status < 300;
  const watched =
    reply.body && watchBody(reply.body, { controller, watchdog, options, context, release });
  if (ok && options.responseType === "stream") {
    if (!watched) release();
    return { status: reply.status, headers: reply.headers, body: watched };
  }
  try {
    const text = !watched
      ? ""
      : ok
        ? await readWholeReply(watched, reply.headers, context)
        : await readErrorBody(watched);
    if (!ok) {
      const body = parseBody(text);
      throw statusErrorFor(reply.status, body, {
        headers: reply.headers,
        method: request.method,
        url: request.url,
        source: context.source,
        secrets: options.secrets,
        // "403 (no details)" alone reads as the API refusing the key; a presigned
        // URL that expired or a bucket's policy is another matter.
        ...(options.storage && {
          message: `Storage answered ${reply.status} ${describeBody(body) || "(no details)"} to ${describeRequest(context)}`,
        }),
      });
    }
    return { status: reply.status, headers: reply.headers, text };
  } finally {
    release();
  }
}

/** JSON when the text is JSON, `undefined` when empty, else the text itself. */
export function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Upload progress re-arms the clock: while bytes go out, the idle timeout applies;
 * once the last byte is out, the wait for the headers starts.
 */
function progressWatcher(
  request: AttemptRequest,
  watchdog: Watchdog,
  timeouts: AttemptTimeouts,
  signal: AbortSignal,
): ((loaded: number) => void) | undefined {
  if (request.body === undefined) return request.onUploadProgress;
  const length = bodyLength(request.body);
  const onUploadProgress = request.onUploadProgress;
  return (loaded) => {
    if (signal.aborted) return;
    if (loaded >= length) {
      const { afterBodyTimeout } = timeouts;
      if (afterBodyTimeout === undefined) watchdog.arm(timeouts.timeout, "headers");
      else watchdog.arm(afterBodyTimeout, "headers-after-body");
    } else watchdog.arm(timeouts.idleTimeout, "request-body");
    onUploadProgress?.(loaded);
  };
}

/**
 * The reply body, read under the idle clock. The clock only runs while the consumer
 * waits for bytes (a slow disk downstream is not a stalled server); an expired clock
 * or an abort cancels the body and errors the stream with the reason.
 */
function watchBody(
  body: ReadableStream<Uint8Array>,
  watch: {
    controller: AbortController;
    watchdog: Watchdog;
    options: RunAttemptOptions;
    context: FailureContext;
    release: () => void;
  },
): ReadableStream<Uint8Array> {
  const { controller, watchdog, options, context, release } = watch;
  const reader = body.getReader();
  const signal = controller.signal;
  const onAbort = () => {
    reader.cancel(signal.reason).catch(() => {});
  };
  signal.addEventListener("abort", onAbort, { once: true });
  const finish = () => {
    signal.removeEventListener("abort", onAbort);
    release();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(streamController) {
        watchdog.arm(options.idleTimeout, "reply-body");
        let result: ReadableStreamReadResult<Uint8Array>;
        try {
          result = await reader.read();
        } catch (error) {
          finish();
          throw attemptFailure(error, signal, context);
        } finally {
          watchdog.disarm();
        }
        if (signal.aborted) {
          finish();
          throw signal.reason;
        }
        if (result.done) {
          finish();
          streamController.close();
          return;
        }
        streamController.enqueue(result.value);
      },
      cancel(reason) {
        finish();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * The most bytes of a reply the SDK reads into one string (API calls, and storage
 * replies read whole), 256 MiB. The largest legitimate reply is a page of up to 100
 * artifacts, each with its `file_index` (one `"member path": [offset, size]` entry,
 * some 50–100 bytes, per archive member): an archive of 100,000 members is ~10 MiB,
 * so real pages reach tens of MiB, and the cap leaves ten times that. It stays at half
 * of V8's longest string (2^29 - 24 characters, ~512 MiB), where reading on ends in a
 * raw `RangeError` after using over a GiB of memory. A reply this large is almost
 * surely not the LUML API (a wrong base URL, an endless stream); a real page that
 * large is read by asking for fewer items at once.
 */
export const maxReplyBytes = 256 * 1024 * 1024;

/**
 * The whole reply as text, or an `APIResponseValidationError` once it passes
 * {@link maxReplyBytes}: refused at once when its `Content-Length` says so, else as
 * soon as that many bytes have arrived, and the rest is not read. Not retryable:
 * the same call would get the same reply.
 */
async function readWholeReply(
  body: ReadableStream<Uint8Array>,
  headers: ReplyHeaders,
  context: FailureContext,
): Promise<string> {
  const announced = Number(headers.get("content-length") ?? Number.NaN);
  if (announced > maxReplyBytes) {
    body.cancel().catch(() => {});
  } else {
    const { text, complete } = await readText(body, maxReplyBytes);
    if (complete) return text;
  }
  throw new APIResponseValidationError({
    issues: [],
    value: undefined,
    method: context.method,
    url: context.url,
    source: context.source,
    message: `The reply to ${describeRequest(context)} is larger than ${maxReplyBytes / 1024 / 1024} MiB, more than the SDK reads: check the base URL, or ask for fewer items at once (a smaller \`limit\`).`,
  });
}

/**
 * The most of an error reply's body read (1 MiB): what the error quotes of it fits
 * many times over, and a proxy's large error page stays the status error it is
 * (retried if its status may be), read no further.
 */
const maxErrorBodyBytes = 1024 * 1024;

/** An error reply's body as text, its first {@link maxErrorBodyBytes} when longer. */
async function readErrorBody(body: ReadableStream<Uint8Array>): Promise<string> {
  return (await readText(body, maxErrorBodyBytes)).text;
}

/**
 * The body as text, up to `maxBytes`: past them the body is cancelled, and what
 * came before them returned as not `complete`.
 */
async function readText(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<{ text: string; complete: boolean }> {
  const decoder = new TextDecoder();
  let text = "";
  let received = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), complete: true };
    received += value.byteLength;
    if (received > maxBytes) {
      reader.cancel().catch(() => {});
      return { text: text + decoder.decode(), complete: false };
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** Frees what an abandoned attempt may still produce: its rejection, or its reply's body. */
function discard<T>(promise: Promise<T>): void {
  promise.then(
    (value) => {
      const body = (value as Partial<HttpAttemptReply> | undefined)?.body;
      body?.cancel().catch(() => {});
    },
    () => {},
  );
}

function timeoutError(
  context: FailureContext,
  milliseconds: number,
  wait: WatchdogWait,
): APITimeoutError {
  const what = {
    headers: `no reply within ${milliseconds} ms`,
    // The last bytes handed over may still sit in socket buffers, unseen by the server.
    "headers-after-body": `no reply within ${milliseconds} ms of the last byte sent: the server stopped reading, or the link is too slow for the bytes still buffered to arrive in that time (a larger idleTimeout allows for slow links, with storageTimeout if it is the smaller)`,
    "request-body": `the request body stalled (no bytes sent for ${milliseconds} ms)`,
    "reply-body": `the reply stalled (no bytes received for ${milliseconds} ms)`,
  }[wait];
  return new APITimeoutError({
    method: context.method,
    url: context.url,
    source: context.source,
    timeout: milliseconds,
    message: `Request timed out: ${describeRequest(context)}: ${what}.`,
  });
}
