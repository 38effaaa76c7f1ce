import {
  createFetchAttempt,
  type HttpAttempt,
  type HttpAttemptReply,
  type HttpAttemptRequest,
} from "@luml/core/internal";

/**
 * One storage request for web pages. A request with a body (a part PUT, the
 * multipart POSTs) goes through `XMLHttpRequest`, whose `upload.onprogress` reports
 * bytes as they leave (fetch cannot); body-less requests (download GETs, deletes)
 * go through `fetch`, which streams the reply. Timeouts, retries and errors are
 * core's, the same as on every other path; where `XMLHttpRequest` does not exist (a
 * worker), everything goes through `fetch`.
 */
export function createXhrStorageAttempt(): HttpAttempt {
  const fetchAttempt = createFetchAttempt((input, init) => globalThis.fetch(input, init));
  return (request) => {
    if (request.body === undefined || typeof XMLHttpRequest === "undefined") {
      return fetchAttempt(request);
    }
    return sendWithXhr(request);
  };
}

/**
 * Resolves once the headers are in; the reply text then flows into the body stream
 * as it arrives, so core's idle clock sees a stalled reply as such.
 */
function sendWithXhr(request: HttpAttemptRequest): Promise<HttpAttemptReply> {
  const { signal } = request;
  signal.throwIfAborted();
  return new Promise<HttpAttemptReply>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const encoder = new TextEncoder();
    let body: ReadableStreamDefaultController<Uint8Array> | undefined;
    let sent = 0;
    let settled = false;
    const fail = (error: unknown) => {
      signal.removeEventListener("abort", onAbort);
      if (!settled) {
        settled = true;
        reject(error);
      } else {
        body?.error(error);
      }
    };
    const onAbort = () => {
      xhr.abort();
      fail(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    const flush = () => {
      const text = xhr.responseText;
      if (text.length > sent) {
        body?.enqueue(encoder.encode(text.slice(sent)));
        sent = text.length;
      }
    };
    xhr.open(request.method, request.url);
    for (const [name, value] of Object.entries(request.headers)) {
      xhr.setRequestHeader(name, value);
    }
    xhr.responseType = "text";
    xhr.upload.onprogress = (event) => request.onUploadProgress?.(event.loaded);
    xhr.onreadystatechange = () => {
      if (xhr.readyState !== XMLHttpRequest.HEADERS_RECEIVED || settled) return;
      settled = true;
      resolve({
        status: xhr.status,
        headers: parseHeaders(xhr.getAllResponseHeaders()),
        body: new ReadableStream<Uint8Array>({
          start(controller) {
            body = controller;
          },
          cancel() {
            signal.removeEventListener("abort", onAbort);
            xhr.abort();
          },
        }),
      });
    };
    xhr.onprogress = flush;
    xhr.onload = () => {
      signal.removeEventListener("abort", onAbort);
      flush();
      body?.close();
    };
    xhr.onerror = () =>
      fail(new TypeError(`${request.method} to storage got no complete reply (network error)`));
    xhr.send(request.body as XMLHttpRequestBodyInit);
  });
}

/** `getAllResponseHeaders` lists only the headers CORS exposes (ETag must be). */
function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const index = line.indexOf(":");
    if (index > 0) headers.append(line.slice(0, index).trim(), line.slice(index + 1).trim());
  }
  return headers;
}
