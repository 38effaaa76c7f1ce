import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { Context, MiddlewareHandler } from "hono";
import { delayUnlessClosed } from "../delay-unless-closed";
import type { FaultEngine } from "../faults";
import type { ApiEnv } from "./api-context";

/**
 * Writes the status line and headers of the response the routes produced, with
 * the length of its whole body, then none or about half of that body, and
 * leaves the response unfinished: the client believes more is coming.
 */
async function writePartially(c: Context<ApiEnv>, part: "none" | "half"): Promise<void> {
  const bytes = new Uint8Array(await c.res.arrayBuffer());
  const outgoing = c.env.outgoing;
  const headers: Record<string, string> = {};
  c.res.headers.forEach((value, key) => {
    headers[key] = value;
  });
  headers["content-length"] = String(bytes.length);
  outgoing.writeHead(c.res.status, headers);
  outgoing.flushHeaders();
  if (part === "half") {
    const half = bytes.subarray(0, Math.max(1, bytes.length >> 1));
    await new Promise<void>((resolve) => outgoing.write(half, () => resolve()));
  }
  c.res = RESPONSE_ALREADY_SENT;
}

/**
 * Applies the fault rules targeting `api` to matching requests: an error status
 * (with `Retry-After`), a delay, a reply held back as at a link's speed, a connection
 * cut before the response, in its middle, or after handling the request (a lost
 * reply), a corrupted body, or a stall (after the headers, mid-body, or
 * without reading the request). `/_dev/*` is exempt so rules can always be cleared.
 *
 * A stalled exchange is simply never finished: no timer keeps it, and the
 * server's `stop()` destroys its connection with the others.
 */
export function faultMiddleware(faults: FaultEngine): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (!faults.enabled || c.req.path.startsWith("/_dev/")) return next();
    const url = new URL(c.req.url);
    const action = faults.match("api", c.req.method, url.pathname + url.search);
    if (!action) return next();
    if ("delayMs" in action) {
      if (await delayUnlessClosed(action.delayMs, c.env.incoming.socket)) return next();
      c.res = RESPONSE_ALREADY_SENT;
      return;
    }
    if ("bytesPerSecond" in action) {
      await next();
      // API bodies are small and built whole: the reply waits as long as its bytes would take.
      const bytes = new Uint8Array(await c.res.clone().arrayBuffer());
      const waitMs = Math.round((bytes.length / action.bytesPerSecond) * 1000);
      if (!(await delayUnlessClosed(waitMs, c.env.incoming.socket))) c.res = RESPONSE_ALREADY_SENT;
      return;
    }
    if ("status" in action) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (action.retryAfter !== undefined) headers["retry-after"] = String(action.retryAfter);
      const body = action.body ?? JSON.stringify({ detail: `Injected fault: ${action.status}` });
      c.res = new Response(body, { status: action.status, headers });
      return;
    }
    if ("cut" in action && action.cut === "before-response") {
      c.env.incoming.socket.destroy();
      c.res = RESPONSE_ALREADY_SENT;
      return;
    }
    if ("cut" in action && action.cut === "after-handling") {
      await next();
      c.env.incoming.socket.destroy();
      c.res = RESPONSE_ALREADY_SENT;
      return;
    }
    if ("stall" in action && action.stall === "request") {
      // Nothing reads the body, so node stops reading the socket once its buffer fills.
      c.env.incoming.pause();
      c.res = RESPONSE_ALREADY_SENT;
      return;
    }
    await next();
    if ("stall" in action) {
      await writePartially(c, action.stall === "mid-body" ? "half" : "none");
      return;
    }
    if ("corrupt" in action) {
      const bytes = new Uint8Array(await c.res.arrayBuffer());
      if (bytes.length > 0) bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
      c.res = new Response(bytes, c.res);
      return;
    }
    // Mid-body cut: announce the full length, send half, then drop the connection.
    const socket = c.env.outgoing.socket;
    await writePartially(c, "half");
    socket?.destroy();
  };
}
