/// <reference types="node" />
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the server received. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
}

/** A reply: status and JSON (or raw text). */
export interface Reply {
  status?: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/** A tiny real HTTP server answering by `METHOD path` (query ignored). */
export interface JsonServer {
  baseUrl: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * Serves `routes` over real HTTP on an ephemeral port, for API shapes the dev
 * server never produces (malformed replies, duplicate names).
 */
export async function startJsonServer(
  routes: Record<string, Reply | ((url: URL, request: ReceivedRequest) => Reply)>,
): Promise<JsonServer> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const received = {
      method: request.method ?? "",
      url: request.url ?? "",
      headers: request.headers,
    };
    requests.push(received);
    const route = routes[`${request.method} ${url.pathname}`];
    const reply =
      typeof route === "function"
        ? route(url, received)
        : (route ?? { status: 404, json: { detail: "Not Found" } });
    const body = reply.text ?? (reply.json === undefined ? "" : JSON.stringify(reply.json));
    response.writeHead(reply.status ?? 200, {
      "content-type": "application/json",
      ...reply.headers,
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
