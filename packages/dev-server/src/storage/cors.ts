import type { IncomingMessage, ServerResponse } from "node:http";

/** Methods browsers may use against the storages. */
const ALLOWED_METHODS = "GET, PUT, POST, DELETE, HEAD";
/** Headers the SDK sends to the storages; `*` covers the rest. */
const ALLOWED_HEADERS = [
  "*",
  "content-type",
  "content-length",
  "content-md5",
  "range",
  "x-ms-blob-type",
  "x-ms-version",
  "x-ms-date",
  "x-ms-client-request-id",
];
/** Response headers a browser page must be able to read (ETag for multipart completes). */
const EXPOSED_HEADERS =
  "ETag, Content-Length, Content-Range, Accept-Ranges, Content-Type, Last-Modified, Retry-After, x-ms-request-id, x-ms-version";

/** Whether a request from `origin` may read responses, and what to put in `Access-Control-Allow-Origin`. */
function allowedOrigin(
  corsOrigins: "*" | string[],
  origin: string | undefined,
): string | undefined {
  if (corsOrigins === "*") return "*";
  if (origin !== undefined && corsOrigins.includes(origin)) return origin;
  return undefined;
}

/** Sets the CORS headers of a real (non-preflight) response. */
export function applyCorsHeaders(
  corsOrigins: "*" | string[],
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const allowed = allowedOrigin(corsOrigins, request.headers.origin);
  if (corsOrigins !== "*") response.setHeader("Vary", "Origin");
  if (allowed === undefined) return;
  response.setHeader("Access-Control-Allow-Origin", allowed);
  response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
}

/** Answers an `OPTIONS` preflight: 204 for an allowed origin, 403 otherwise. */
export function answerPreflight(
  corsOrigins: "*" | string[],
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const allowed = allowedOrigin(corsOrigins, request.headers.origin);
  if (corsOrigins !== "*") response.setHeader("Vary", "Origin");
  if (allowed === undefined) {
    response.writeHead(403, { "Content-Length": "0" }).end();
    return;
  }
  const requested = (request.headers["access-control-request-headers"] ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "");
  const headers = [...new Set([...ALLOWED_HEADERS, ...requested])].join(", ");
  response
    .writeHead(204, {
      "Access-Control-Allow-Origin": allowed,
      "Access-Control-Allow-Methods": ALLOWED_METHODS,
      "Access-Control-Allow-Headers": headers,
      "Access-Control-Expose-Headers": EXPOSED_HEADERS,
      "Access-Control-Max-Age": "600",
      "Content-Length": "0",
    })
    .end();
}
