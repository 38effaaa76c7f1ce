import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { APIResponseValidationError, APIStatusError, LumlClient } from "../src/index";

// API calls in Node go through node:http, whose replies reach core's runner by a
// path of their own: what holds for fetch must hold here too.

const megabyte = 1024 * 1024;
// Not shaped like the keys the service issues (`dfs_…`), so no pattern catches it.
const apiKey = "luml_CANARY_node_http_key_6262";

const realFetch = globalThis.fetch;
let server: Server | undefined;

afterEach(async () => {
  globalThis.fetch = realFetch;
  const closing = server;
  server = undefined;
  if (!closing) return;
  closing.closeAllConnections();
  await new Promise<void>((resolve) => closing.close(() => resolve()));
});

/** Serves every request with `handle` on an ephemeral port; returns the base URL. */
async function serve(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<string> {
  server = createServer(handle);
  const listening = server;
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
}

/** Makes any fetch call fail: the client must stay on node:http (Bun's is fetch). */
function refuseFetch(): void {
  if ("Bun" in globalThis) return;
  globalThis.fetch = async () => {
    throw new Error("fetch is not used in Node");
  };
}

/** The error `call` rejects with (a resolved call is an error of its own). */
async function failureOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => new Error("the reply was accepted"),
    (caught: unknown) => caught,
  );
}

function expectNoKey(error: unknown): void {
  for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 10 })]) {
    expect(text).not.toContain("CANARY");
  }
}

describe("API replies in Node that echo an API key not shaped like dfs_…", () => {
  it("keep it out of a redirect's headers", async () => {
    const baseUrl = await serve((request, response) => {
      const key = String(request.headers.authorization).replace(/^Bearer /, "");
      response.writeHead(302, { location: `http://127.0.0.1:1/?k=${key}`, "x-echo-token": key });
      response.end();
    });
    refuseFetch();
    const luml = new LumlClient({ apiKey, baseUrl, maxRetries: 0 });
    const error = await failureOf(luml.organizations.list());
    expectNoKey(error);
    // Bun's API calls go through its fetch, which follows the redirect (to nothing).
    if ("Bun" in globalThis) return;
    expect(APIStatusError.isInstance(error)).toBe(true);
    expect((error as APIStatusError).status).toBe(302);
    expect((error as APIStatusError).headers.location).toBe("http://127.0.0.1:1/?k=[redacted]");
  });

  it("keep it out of a validation error", async () => {
    const baseUrl = await serve((request, response) => {
      const key = String(request.headers.authorization).replace(/^Bearer /, "");
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify([{ id: 5, name: key, token: key }]));
    });
    refuseFetch();
    const luml = new LumlClient({ apiKey, baseUrl, maxRetries: 0 });
    const error = await failureOf(luml.organizations.list());
    expect(APIResponseValidationError.isInstance(error)).toBe(true);
    expectNoKey(error);
  });
});

describe("an endless API reply in Node", () => {
  it("ends promptly in APIResponseValidationError, not a RangeError", async () => {
    const piece = Buffer.from("1,".repeat(megabyte / 2));
    let requests = 0;
    const baseUrl = await serve((_request, response) => {
      requests += 1;
      response.writeHead(200, { "content-type": "application/json" });
      response.write("[");
      const pump = () => {
        while (!response.destroyed && response.write(piece));
      };
      response.on("drain", pump);
      pump();
    });
    refuseFetch();
    const luml = new LumlClient({ apiKey: "dfs_flood_test_key", baseUrl });
    // Memory is core's test's to check (it samples the peak); here, the node:http
    // path must end in the same typed error, once, in time.
    const started = Date.now();
    const error = await failureOf(luml.organizations.list());
    expect(APIResponseValidationError.isInstance(error)).toBe(true);
    expect((error as APIResponseValidationError).isRetryable).toBe(false);
    expect(requests).toBe(1);
    expect(Date.now() - started).toBeLessThan(45_000);
  });
});
