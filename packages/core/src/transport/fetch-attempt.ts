import type { HttpAttempt } from "./http-attempt";
import { canStreamRequestBody } from "./runtime";
import { bodyLength, countingStream } from "./upload-body";

/**
 * An {@link HttpAttempt} on `fetch`: the path of every web-standard runtime. Where
 * fetch can stream a request body with a declared length (Node, Bun), a body with
 * progress is streamed and counted as fetch pulls it; elsewhere it is sent whole
 * and reported as sent once the reply's headers arrive.
 *
 * @param fetchFunction - The `fetch` to send with (the user's, or the global one).
 */
export function createFetchAttempt(fetchFunction: typeof fetch): HttpAttempt {
  return async (request) => {
    const headers: Record<string, string> = { ...request.headers };
    const init: RequestInit & { duplex?: "half" } = {
      method: request.method,
      headers,
      signal: request.signal,
    };
    const { body, onUploadProgress } = request;
    const length = body === undefined ? undefined : bodyLength(body);
    let streamed: ReturnType<typeof countingStream> | undefined;
    if (body !== undefined && length !== undefined) {
      if (onUploadProgress && length > 0 && canStreamRequestBody()) {
        // The declared length keeps the request un-chunked, as presigned URLs require.
        streamed = countingStream(body, onUploadProgress);
        init.body = streamed.stream;
        init.duplex = "half";
        headers["content-length"] = String(length);
      } else {
        init.body = body as BodyInit;
      }
    }
    let response: Response;
    try {
      response = await fetchFunction(request.url, init);
    } finally {
      // Once fetch settles it reads no more of the body: the source (a file) closes
      // now, not when a garbage collection finds it, even if fetch never cancelled it.
      await streamed?.release();
    }
    // Without a streamed body the only progress to report is "all sent".
    if (!streamed && length !== undefined) onUploadProgress?.(length);
    return { status: response.status, headers: response.headers, body: response.body };
  };
}
