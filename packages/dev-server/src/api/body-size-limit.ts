import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ApiEnv } from "./api-context";

/**
 * Refuses a request body over `maxSize` bytes with `413 {"detail": …}`: at once
 * when its Content-Length says so, else as soon as the streamed (chunked) body
 * passes the limit, so no route ever buffers more than `maxSize` bytes.
 */
export function bodySizeLimit(maxSize: number): MiddlewareHandler<ApiEnv> {
  return bodyLimit({
    maxSize,
    onError: (c) => c.json({ detail: `Request body is larger than ${maxSize} bytes` }, 413),
  });
}
