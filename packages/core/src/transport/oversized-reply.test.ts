/// <reference types="node" />
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { LumlClient } from "../client";
import { APIResponseValidationError, InternalServerError } from "../errors";
import { maxReplyBytes } from "./run-attempt";

/** A server whose every reply is a JSON array that never ends, or one that says it is huge. */
interface FloodServer {
  baseUrl: string;
  /** Requests received: an oversized reply must not be asked for again. */
  requests: number;
  /** Body bytes written so far, over all replies. */
  sent: number;
  close(): Promise<void>;
}

const megabyte = 1024 * 1024;

/**
 * Starts a real HTTP server. `endless`: a chunked `[1,1,1,…` with no end, written as
 * fast as the client reads. `announced`: a `Content-Length` past the cap, then one
 * small piece and silence.
 */
async function startFloodServer(kind: "endless" | "announced"): Promise<FloodServer> {
  const piece = Buffer.from("1,".repeat(megabyte / 2));
  const state = { requests: 0, sent: 0 };
  const server: Server = createServer((_request, response) => {
    state.requests += 1;
    if (kind === "announced") {
      response.writeHead(200, {
        "content-type": "application/json",
        "content-length": String(maxReplyBytes + megabyte),
      });
      response.write("[1,");
      state.sent += 3;
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.write("[");
    const pump = () => {
      while (!response.destroyed && !response.writableEnded) {
        state.sent += piece.byteLength;
        if (!response.write(piece)) return;
      }
    };
    response.on("drain", pump);
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    get sent() {
      return state.sent;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The highest resident memory seen while `work` runs, sampled every 20 ms. */
async function peakRss<T>(work: Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const result = await work;
    return { result, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(sampler);
  }
}

let server: FloodServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("an API reply larger than any LUML reply", () => {
  it("is read no further than the cap and fails once with APIResponseValidationError", async () => {
    server = await startFloodServer("endless");
    // Retries allowed: the failure must not be one of those repeated.
    const luml = new LumlClient({ apiKey: "dfs_flood_test_key", baseUrl: server.baseUrl });
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const { result: error, peak } = await peakRss(
      luml.organizations.list().then(
        () => new Error("the reply was accepted"),
        (caught: unknown) => caught,
      ),
    );
    expect(APIResponseValidationError.isInstance(error)).toBe(true);
    const validationError = error as APIResponseValidationError;
    expect(validationError.isRetryable).toBe(false);
    expect(validationError.message).toContain("larger than 256 MiB");
    expect(validationError.message).toContain("/v1/users/me/organizations");
    expect(server.requests).toBe(1);
    // Reading on to V8's longest string took over a GiB and a minute on a slow machine.
    expect(peak - before).toBeLessThan(900 * megabyte);
    expect(Date.now() - started).toBeLessThan(45_000);
    // The connection was dropped: the server stops soon after the cap.
    const sentAtFailure = server.sent;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.sent - sentAtFailure).toBeLessThan(16 * megabyte);
  });

  // Ends in time only if the announced length is acted on.
  it("is refused at its headers when its Content-Length is past the cap", {
    timeout: 20_000,
  }, async () => {
    server = await startFloodServer("announced");
    const luml = new LumlClient({
      apiKey: "dfs_flood_test_key",
      baseUrl: server.baseUrl,
      // Far longer than the test: only the announced length can end the call in time.
      idleTimeout: 600_000,
    });
    const error = await luml.organizations.list().then(
      () => new Error("the reply was accepted"),
      (caught: unknown) => caught,
    );
    expect(APIResponseValidationError.isInstance(error)).toBe(true);
    expect(server.requests).toBe(1);
  });

  it("stays its status error when it is an error page: its first MiB read, then retried", async () => {
    const page = `<html>${"proxy error ".repeat(300_000)}</html>`;
    let requests = 0;
    const errorServer = createServer((_request, response) => {
      requests += 1;
      response.writeHead(502, { "content-type": "text/html" });
      response.end(page);
    });
    await new Promise<void>((resolve) => errorServer.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = errorServer.address() as AddressInfo;
      const luml = new LumlClient({
        apiKey: "dfs_flood_test_key",
        baseUrl: `http://127.0.0.1:${port}`,
        maxRetries: 1,
      });
      const error = await luml.organizations.list().catch((caught: unknown) => caught);
      expect(InternalServerError.isInstance(error)).toBe(true);
      expect((error as InternalServerError).status).toBe(502);
      // Only its first MiB was read (the page is 3.6 MB).
      expect(String((error as InternalServerError).body).length).toBeLessThanOrEqual(megabyte);
      expect(requests).toBe(2);
    } finally {
      errorServer.closeAllConnections();
      await new Promise((resolve) => errorServer.close(resolve));
    }
  });
});
