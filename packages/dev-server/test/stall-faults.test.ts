import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/start-dev-server";
import type { DevServer } from "../src/types";
import { artifactsPath, call, modelBody, orbitPath } from "./helpers";
import { WatchedExchange } from "./watched-exchange";

/** How long a stalled exchange is watched for bytes that must not come. */
const QUIET_MS = 600;

let server: DevServer;
const open: WatchedExchange[] = [];
beforeAll(async () => {
  server = await startDevServer({ faults: true });
}, 60_000);
afterEach(() => {
  for (const exchange of open.splice(0)) exchange.destroy();
  server.faults.clear();
});
afterAll(async () => {
  await server?.stop();
});

function watch(
  path: string,
  options: { method?: string; bodySize?: number; headers?: Record<string, string> } = {},
) {
  const exchange = new WatchedExchange(`${server.baseUrl}${path}`, {
    method: options.method ?? "GET",
    headers: { authorization: `Bearer ${server.apiKey}`, ...options.headers },
    ...(options.bodySize === undefined ? {} : { bodySize: options.bodySize }),
  });
  open.push(exchange);
  return exchange;
}

const ORGANIZATIONS = "/v1/users/me/organizations";

async function cleanLength(): Promise<number> {
  const response = await fetch(`${server.baseUrl}${ORGANIZATIONS}`, {
    headers: { authorization: `Bearer ${server.apiKey}` },
  });
  return (await response.arrayBuffer()).byteLength;
}

describe("API stall faults", () => {
  it("after-headers: the status line and the real Content-Length, then nothing, connection open", async () => {
    const length = await cleanLength();
    server.faults.add({ target: "api", path: ORGANIZATIONS, action: { stall: "after-headers" } });
    const exchange = watch(ORGANIZATIONS);
    await exchange.headersOrClose();
    expect(exchange.status).toBe(200);
    expect(exchange.headers?.["content-length"]).toBe(String(length));
    await sleep(QUIET_MS);
    expect(exchange.bodyBytes).toBe(0);
    expect(exchange.closed).toBe(false);
    // The rule fired once: the server answers the next request normally.
    expect((await call(server, "GET", ORGANIZATIONS)).status).toBe(200);
  });

  it("mid-body: about half the body, then nothing, connection open", async () => {
    const length = await cleanLength();
    server.faults.add({ target: "api", path: ORGANIZATIONS, action: { stall: "mid-body" } });
    const exchange = watch(ORGANIZATIONS);
    await exchange.headersOrClose();
    expect(exchange.headers?.["content-length"]).toBe(String(length));
    await sleep(QUIET_MS);
    expect(exchange.bodyBytes).toBe(Math.max(1, length >> 1));
    expect(exchange.closed).toBe(false);
  });

  it("request: the body is never read and no reply comes; the request has no effect", async () => {
    server.faults.add({
      target: "api",
      method: "POST",
      path: "/artifacts$",
      action: { stall: "request" },
    });
    const before = await call(server, "GET", `${orbitPath(server)}/artifacts?limit=100`);
    const body = JSON.stringify(modelBody({ description: "x".repeat(32 * 1024 * 1024) }));
    const exchange = watch(artifactsPath(server), {
      method: "POST",
      bodySize: body.length,
      headers: { "content-type": "application/json" },
    });
    expect(await exchange.upload(body.length)).toBe(true);
    expect(exchange.bytesSent).toBeLessThan(body.length);
    await sleep(QUIET_MS);
    expect(exchange.status).toBeUndefined();
    expect(exchange.closed).toBe(false);
    exchange.destroy();
    const after = await call(server, "GET", `${orbitPath(server)}/artifacts?limit=100`);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it("are refused over HTTP when the action is unknown", async () => {
    const response = await call(server, "POST", "/_dev/faults", {
      apiKey: null,
      body: { target: "api", path: "x", action: { stall: "sometimes" } },
    });
    expect(response.status).toBe(400);
    expect(() =>
      server.faults.add({ target: "s3", path: "x", action: { cut: "later" } as never }),
    ).toThrow(/action/);
    expect(server.faults.list()).toEqual([]);
  });
});

describe("stop() with stalled connections", () => {
  it("destroys them and finishes", async () => {
    const other = await startDevServer({ faults: true });
    const exchanges: WatchedExchange[] = [];
    try {
      other.faults.add({ target: "api", path: ORGANIZATIONS, action: { stall: "after-headers" } });
      other.faults.add({ target: "api", path: "/orbits$", action: { stall: "mid-body" } });
      other.faults.add({
        target: "api",
        method: "POST",
        path: "/artifacts$",
        action: { stall: "request" },
      });
      const headers = { authorization: `Bearer ${other.apiKey}` };
      exchanges.push(
        new WatchedExchange(`${other.baseUrl}${ORGANIZATIONS}`, { method: "GET", headers }),
        new WatchedExchange(
          `${other.baseUrl}/v1/organizations/${other.seeded.organization.id}/orbits`,
          { method: "GET", headers },
        ),
      );
      const uploading = new WatchedExchange(`${other.baseUrl}${artifactsPath(other)}`, {
        method: "POST",
        headers,
        bodySize: 32 * 1024 * 1024,
      });
      exchanges.push(uploading);
      expect(await uploading.upload(32 * 1024 * 1024)).toBe(true);
      for (const exchange of exchanges.slice(0, 2)) await exchange.headersOrClose();
      expect(exchanges.map((exchange) => exchange.closed)).toEqual([false, false, false]);
      const started = Date.now();
      await other.stop();
      expect(Date.now() - started).toBeLessThan(5_000);
      await Promise.all(exchanges.map((exchange) => exchange.closing));
    } finally {
      for (const exchange of exchanges) exchange.destroy();
      await other.stop();
    }
  }, 60_000);
});

describe("stop() during a delay fault", () => {
  it("ends the delay with the connection: no timer outlives the server", async () => {
    const timersBefore = process.getActiveResourcesInfo().filter((name) => name === "Timeout");
    const other = await startDevServer({ faults: true });
    const errors: unknown[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      other.faults.add({ target: "api", path: ORGANIZATIONS, action: { delayMs: 30_000 } });
      other.faults.add({
        target: "s3",
        method: "GET",
        path: "delayed",
        action: { delayMs: 30_000 },
      });
      const delayed = [
        new WatchedExchange(`${other.baseUrl}${ORGANIZATIONS}`, {
          method: "GET",
          headers: { authorization: `Bearer ${other.apiKey}` },
        }),
        new WatchedExchange(`${other.storage.s3.endpoint}/luml-dev/delayed.fnnx`, {
          method: "GET",
        }),
      ];
      await sleep(200);
      await other.stop();
      await Promise.all(delayed.map((exchange) => exchange.closing));
      await sleep(50);
      const timersAfter = process.getActiveResourcesInfo().filter((name) => name === "Timeout");
      expect(timersAfter.length).toBeLessThanOrEqual(timersBefore.length);
      expect(errors).toEqual([]);
    } finally {
      console.error = originalError;
      await other.stop();
    }
  }, 60_000);
});
