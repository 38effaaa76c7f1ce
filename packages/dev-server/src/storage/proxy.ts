import { once } from "node:events";
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { finished, pipeline } from "node:stream/promises";
import { delayUnlessClosed } from "../delay-unless-closed";
import type { FaultEngine } from "../faults";
import type { FaultAction } from "../types";
import { answerPreflight, applyCorsHeaders } from "./cors";
import {
  corruptingStream,
  cutUpload,
  pacedRateOf,
  pacedStream,
  replyFaultOf,
  sendBuffered,
  sendHalf,
  sendHeadersOnly,
  stallRequest,
} from "./proxy-faults";

/** A reply the proxy sends itself instead of forwarding. */
export interface ProxyReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** Where and what to forward after a request passed the proxy's own checks. */
export interface ProxyForward {
  /** Path and query to request from the backend. */
  path: string;
  /** A replacement body (already read from the client); the request body is streamed otherwise. */
  body?: Buffer;
  /** Rewrites a small XML reply of the backend before it is sent (the reply is buffered then). */
  rewriteXml?: (xml: string) => string;
}

/** Reads the whole (small) request body, or `undefined` if it exceeds `limit` bytes. */
export type BodyReader = (limit: number) => Promise<Buffer | undefined>;

/** A storage-specific check run on every request before it is forwarded. */
export type ProxyInterceptor = (
  request: IncomingMessage,
  readBody: BodyReader,
) => Promise<ProxyReply | ProxyForward>;

/** Options of {@link startProxy}. */
export interface ProxyOptions {
  /** Fault target name this proxy answers for. */
  target: "s3" | "azure";
  /** Interface to bind. */
  host: string;
  /** The emulator requests are forwarded to. */
  backend: { host: string; port: number };
  /** Origins allowed by CORS. */
  corsOrigins: "*" | string[];
  /** Fault rules to apply. */
  faults: FaultEngine;
  /** Whether to send the backend's host in the Host header instead of the client's. */
  rewriteHost: boolean;
  /** Checks run before forwarding. */
  intercept?: ProxyInterceptor;
  /**
   * The storage's own request handler, run in this process for a request the
   * proxy has nothing to do to on the way (no fault, no replaced body, no
   * rewritten reply): forwarding parses and writes every byte a second time,
   * which was most of the dev server's CPU per GiB moved. Without it every
   * request is forwarded over HTTP.
   */
  serveInProcess?: (request: IncomingMessage, response: ServerResponse) => void;
}

/** A running proxy. */
export interface StorageProxy {
  /** Port the proxy listens on. */
  port: number;
  stop(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "upgrade",
]);

function hasRequestBody(request: IncomingMessage): boolean {
  const length = Number(request.headers["content-length"] ?? 0);
  return length > 0 || request.headers["transfer-encoding"] !== undefined;
}

/** Reads and discards the request body, so a reply is not sent while the client still uploads. */
async function drain(request: IncomingMessage): Promise<void> {
  request.resume();
  await finished(request).catch(() => undefined);
}

function forwardedHeaders(
  headers: IncomingHttpHeaders,
  options: ProxyOptions,
  body: Buffer | undefined,
): IncomingHttpHeaders {
  const result: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(name) && name !== "origin" && !name.startsWith("access-control-"))
      result[name] = value;
  }
  if (options.rewriteHost) result.host = `${options.backend.host}:${options.backend.port}`;
  if (body !== undefined) {
    result["content-length"] = String(body.length);
    delete result["transfer-encoding"];
  }
  return result;
}

function responseHeaders(upstream: IncomingMessage): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(upstream.headers)) {
    // The proxy owns CORS; the emulators' own CORS answers would contradict it.
    if (
      value === undefined ||
      HOP_BY_HOP.has(name) ||
      name.startsWith("access-control-") ||
      name === "vary"
    )
      continue;
    result[name] = value;
  }
  return result;
}

function sendReply(response: ServerResponse, reply: ProxyReply): void {
  const body = reply.body ?? "";
  response
    .writeHead(reply.status, {
      ...reply.headers,
      "Content-Length": String(Buffer.byteLength(body)),
    })
    .end(body);
}

/** Starts a proxy in front of a storage emulator: CORS, fault injection, the storage's own checks, then streaming forwarding. */
export async function startProxy(options: ProxyOptions): Promise<StorageProxy> {
  // A fresh connection per forwarded request: a kept-alive socket can be closed by
  // the emulator (idle timeout) just as it is reused, and a streamed body cannot be
  // sent again, so the client would see a 502 for nothing. Loopback connects cost
  // microseconds.
  const agent = new Agent({ keepAlive: false });

  async function forward(
    request: IncomingMessage,
    response: ServerResponse,
    target: ProxyForward,
    fault: FaultAction | undefined,
  ): Promise<void> {
    const upstreamRequest = httpRequest({
      host: options.backend.host,
      port: options.backend.port,
      method: request.method,
      path: target.path,
      headers: forwardedHeaders(request.headers, options, target.body),
      agent,
    });
    // A client that goes away mid-transfer must abort the backend side too (nothing half-stored).
    response.once("close", () => {
      if (!response.writableFinished) upstreamRequest.destroy();
    });
    const upstreamResponse = new Promise<IncomingMessage>((resolve, reject) => {
      upstreamRequest.once("response", resolve);
      upstreamRequest.once("error", reject);
    });
    const pacedRate = pacedRateOf(fault);
    if (target.body !== undefined) upstreamRequest.end(target.body);
    else
      (pacedRate === undefined
        ? pipeline(request, upstreamRequest)
        : pipeline(request, pacedStream(pacedRate), upstreamRequest)
      ).catch(() => upstreamRequest.destroy());

    let upstream: IncomingMessage;
    try {
      upstream = await upstreamResponse;
    } catch {
      if (!response.headersSent)
        sendReply(response, { status: 502, body: "storage emulator unreachable" });
      else response.socket?.destroy();
      return;
    }
    const replyFault = replyFaultOf(fault);
    if (replyFault === "lost") {
      // The storage applied the request; its reply never reaches the client.
      upstream.resume();
      await finished(upstream);
      response.socket?.destroy();
      return;
    }
    if (target.rewriteXml && /xml/.test(upstream.headers["content-type"] ?? "")) {
      const chunks: Buffer[] = [];
      for await (const chunk of upstream as AsyncIterable<Buffer>) chunks.push(chunk);
      const body = Buffer.from(target.rewriteXml(Buffer.concat(chunks).toString("utf8")), "utf8");
      const headers: Record<string, string | string[]> = {
        ...responseHeaders(upstream),
        "content-length": String(body.length),
      };
      delete headers["transfer-encoding"];
      response.writeHead(upstream.statusCode ?? 502, upstream.statusMessage, headers);
      await sendBuffered(response, body, replyFault);
      return;
    }
    response.writeHead(
      upstream.statusCode ?? 502,
      upstream.statusMessage,
      responseHeaders(upstream),
    );
    if (replyFault === "cut" || replyFault === "stall-mid-body") {
      await sendHalf(upstream, response, replyFault === "cut" ? "cut" : "stall");
      return;
    }
    if (replyFault === "stall-after-headers") {
      sendHeadersOnly(upstream, response);
      return;
    }
    const streaming =
      replyFault === "corrupt"
        ? pipeline(upstream, corruptingStream(), response)
        : pacedRate !== undefined
          ? pipeline(upstream, pacedStream(pacedRate), response)
          : pipeline(upstream, response);
    await streaming.catch(() => response.socket?.destroy());
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === "OPTIONS") {
      answerPreflight(options.corsOrigins, request, response);
      return;
    }
    applyCorsHeaders(options.corsOrigins, request, response);
    const fault = options.faults.match(options.target, request.method ?? "GET", request.url ?? "/");
    if (fault && "status" in fault) {
      await drain(request);
      const headers: Record<string, string> =
        fault.retryAfter === undefined ? {} : { "Retry-After": String(fault.retryAfter) };
      sendReply(response, {
        status: fault.status,
        headers,
        ...(fault.body === undefined ? {} : { body: fault.body }),
      });
      return;
    }
    if (fault && "stall" in fault && fault.stall === "request") {
      stallRequest(request);
      return;
    }
    if (fault && "cut" in fault && fault.cut === "before-response") {
      const socket = request.socket;
      await drain(request);
      socket.destroy();
      return;
    }
    if (fault && "cut" in fault && fault.cut === "mid-body" && hasRequestBody(request)) {
      await cutUpload(request);
      return;
    }
    if (fault && "delayMs" in fault && !(await delayUnlessClosed(fault.delayMs, request.socket)))
      return;

    const readBody: BodyReader = async (limit) => {
      const chunks: Buffer[] = [];
      let size = 0;
      // Keeps reading past the limit (discarding) so the connection stays usable for the reply.
      for await (const chunk of request as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size <= limit) chunks.push(chunk);
      }
      return size > limit ? undefined : Buffer.concat(chunks);
    };
    const decision = options.intercept
      ? await options.intercept(request, readBody)
      : { path: request.url ?? "/" };
    if ("status" in decision) {
      if (!request.readableEnded) await drain(request);
      sendReply(response, decision);
      return;
    }
    const untouched =
      fault === undefined && decision.body === undefined && decision.rewriteXml === undefined;
    if (untouched && options.serveInProcess) {
      // What the backend would receive if forwarded: the path it is asked for, the headers the proxy passes on.
      request.url = decision.path;
      request.headers = forwardedHeaders(request.headers, options, undefined);
      options.serveInProcess(request, response);
      return;
    }
    await forward(request, response, decision, fault);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendReply(response, { status: 500, body: "storage proxy error" });
      else response.socket?.destroy();
    });
  });
  // A `stall: "request"` fault never reads the body; node's default 5-minute
  // request timeout would then answer 408, where a stall must stay silent.
  if (options.faults.enabled) server.requestTimeout = 0;
  server.listen(0, options.host);
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}
