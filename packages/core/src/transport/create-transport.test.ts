import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { DevServer } from "@luml/dev-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { lumlManifest, seededClient, startServer } from "../../test/support/dev-server";
import { startJsonServer } from "../../test/support/json-server";
import { LumlClient } from "../client";
import {
  APIConnectionError,
  type APIError,
  APIResponseValidationError,
  APITimeoutError,
  AuthenticationError,
  InternalServerError,
  PermissionDeniedError,
  RateLimitError,
} from "../errors";
import { createTransport, type TransportOptions } from "./create-transport";
import { createFetchAttempt } from "./fetch-attempt";

let server: DevServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());
afterEach(() => server.faults.clear());

const organizationsPath = "/v1/users/me/organizations";

/** Core's transport on fetch, as a client without a runtime package builds it. */
function createFetchTransport(options: Omit<TransportOptions, "apiAttempt" | "storageAttempt">) {
  const attempt = createFetchAttempt((input, init) => globalThis.fetch(input, init));
  return createTransport({ ...options, apiAttempt: attempt, storageAttempt: attempt });
}

function transport(options: { maxRetries?: number; timeout?: number; idleTimeout?: number } = {}) {
  return createFetchTransport({ baseUrl: server.baseUrl, apiKey: server.apiKey, ...options });
}

describe("API requests", () => {
  it("sends the bearer key and repeated query keys", async () => {
    const api = await startJsonServer({ "GET /v1/echo": { json: { ok: true } } });
    try {
      const fetchTransport = createFetchTransport({
        baseUrl: api.baseUrl,
        apiKey: "dfs_secret_for_echo",
      });
      await fetchTransport.request({
        method: "GET",
        path: "/v1/echo",
        query: { types: ["model", "dataset"], limit: 5, skipped: undefined },
      });
      const [received] = api.requests;
      expect(received?.headers.authorization).toBe("Bearer dfs_secret_for_echo");
      expect(received?.url).toBe("/v1/echo?types=model&types=dataset&limit=5");
    } finally {
      await api.close();
    }
  });

  it("retries a 503 honouring Retry-After, then a cut connection, then succeeds", async () => {
    server.faults.add({
      target: "api",
      method: "GET",
      path: organizationsPath,
      action: { status: 503, retryAfter: 1 },
    });
    server.faults.add({
      target: "api",
      method: "GET",
      path: organizationsPath,
      // Counts from the second request: the first rule answered the first.
      action: { cut: "before-response" },
    });
    const started = Date.now();
    const response = await transport({ maxRetries: 2 }).request({
      method: "GET",
      path: organizationsPath,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(2);
    expect(server.faults.list().map((rule) => rule.fired)).toEqual([1, 1]);
  });

  it("gives up after maxRetries with the last error", async () => {
    server.faults.add({
      target: "api",
      path: organizationsPath,
      times: 10,
      action: { status: 500 },
    });
    await expect(
      transport({ maxRetries: 1 }).request({ method: "GET", path: organizationsPath }),
    ).rejects.toBeInstanceOf(InternalServerError);
    expect(server.faults.list()[0]?.fired).toBe(2);
  });

  it("does not retry a POST unless asked", async () => {
    server.faults.add({
      target: "api",
      method: "POST",
      path: "/v1/bucket-secrets",
      times: 5,
      action: { status: 503 },
    });
    const fetchTransport = transport({ maxRetries: 3 });
    const request = {
      method: "POST" as const,
      path: "/v1/bucket-secrets/upload/multipart",
      body: {},
    };
    await expect(fetchTransport.request(request)).rejects.toBeInstanceOf(InternalServerError);
    expect(server.faults.list()[0]?.matched).toBe(1);
  });

  it("retries a POST answered 429, which the server declined before doing anything", async () => {
    server.faults.add({
      target: "api",
      method: "POST",
      path: "/v1/bucket-secrets",
      times: 1,
      action: { status: 429, retryAfter: 0 },
    });
    const request = {
      method: "POST" as const,
      path: "/v1/bucket-secrets/upload/multipart",
      body: {},
    };
    // The retry gets past the 429 to the service's own answer to this empty body.
    const error = await transport({ maxRetries: 1 })
      .request(request)
      .catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(RateLimitError);
    expect(server.faults.list()[0]?.matched).toBe(2);
  });

  it("maps 429 to RateLimitError with retryAfter", async () => {
    server.faults.add({
      target: "api",
      path: organizationsPath,
      action: { status: 429, retryAfter: 7 },
    });
    const error = await transport({ maxRetries: 0 })
      .request({ method: "GET", path: organizationsPath })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(7000);
    expect((error as RateLimitError).isRetryable).toBe(true);
    expect((error as RateLimitError).source).toBe("api");
  });

  it("times out one attempt with APITimeoutError", async () => {
    server.faults.add({ target: "api", path: organizationsPath, action: { delayMs: 2000 } });
    await expect(
      transport({ maxRetries: 0, timeout: 200 }).request({
        method: "GET",
        path: organizationsPath,
      }),
    ).rejects.toBeInstanceOf(APITimeoutError);
  });

  it("reports a refused connection as APIConnectionError with its cause", async () => {
    const fetchTransport = createFetchTransport({
      baseUrl: "http://127.0.0.1:9",
      apiKey: "dfs_k",
      maxRetries: 0,
    });
    const error = await fetchTransport
      .request({ method: "GET", path: "/v1/x" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).source).toBe("api");
    expect((error as Error).cause).toBeDefined();
  });

  it("names the host, the path and the OS code of a refused port and of an unknown host", async () => {
    const closed = await startJsonServer({});
    const closedUrl = closed.baseUrl;
    await closed.close();
    const failureOf = (baseUrl: string) =>
      createFetchTransport({ baseUrl, apiKey: "dfs_secret_key", maxRetries: 0 })
        .request({ method: "GET", path: "/v1/x", query: { token: "q" } })
        .then(
          () => new Error("expected a connection error"),
          (caught: unknown) => caught as Error,
        );

    const refused = await failureOf(closedUrl);
    expect(APIConnectionError.isInstance(refused)).toBe(true);
    expect(refused.message).toBe(
      `Connection error: GET ${closedUrl}/v1/x failed (ECONNREFUSED): nothing is listening at that address: check the base URL and port.`,
    );

    const unknown = await failureOf("http://luml-no-such-host.invalid");
    expect(APIConnectionError.isInstance(unknown)).toBe(true);
    expect(unknown.message).toMatch(
      /^Connection error: GET http:\/\/luml-no-such-host\.invalid\/v1\/x failed \((ENOTFOUND|EAI_AGAIN)\): the host name/,
    );
    for (const error of [refused, unknown]) {
      expect(error.message).not.toContain("token");
      expect(error.message).not.toContain("dfs_secret_key");
    }
  });

  it("times out an API reply that stalls after its headers, then retries it", async () => {
    server.faults.add({
      target: "api",
      method: "GET",
      path: organizationsPath,
      action: { stall: "after-headers" },
    });
    const started = Date.now();
    const response = await transport({ idleTimeout: 300, maxRetries: 1 }).request({
      method: "GET",
      path: organizationsPath,
    });
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body)).toBe(true);
    expect(server.faults.list()[0]?.fired).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);

    server.faults.clear();
    server.faults.add({
      target: "api",
      method: "GET",
      path: organizationsPath,
      times: 5,
      action: { stall: "mid-body" },
    });
    const error = await transport({ idleTimeout: 300, maxRetries: 1 })
      .request({ method: "GET", path: organizationsPath })
      .catch((caught: unknown) => caught);
    expect(APITimeoutError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/no bytes received for 300 ms/);
  });

  it("rejects with the signal's reason when aborted mid-request, without retrying", async () => {
    server.faults.add({ target: "api", path: organizationsPath, action: { delayMs: 3000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await transport({ maxRetries: 3 })
      .request({ method: "GET", path: organizationsPath, signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBe(controller.signal.reason);
    expect((error as DOMException).name).toBe("AbortError");
    expect(server.faults.list()[0]?.matched).toBe(1);
  });

  it("aborts a resource call waiting between retries", async () => {
    server.faults.add({
      target: "api",
      path: organizationsPath,
      times: 5,
      action: { status: 503, retryAfter: 30 },
    });
    const luml = new LumlClient({ apiKey: server.apiKey, baseUrl: server.baseUrl, maxRetries: 3 });
    const reason = new DOMException("stop", "AbortError");
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 300);
    await expect(luml.organizations.list({ signal: controller.signal })).rejects.toBe(reason);
  });
});

describe("malformed replies", () => {
  it("throws APIResponseValidationError naming the bad field", async () => {
    const api = await startJsonServer({
      "GET /v1/users/me/organizations": { json: [{ id: 42, name: "Broken" }] },
    });
    try {
      const luml = new LumlClient({ apiKey: "dfs_validation_key_123", baseUrl: api.baseUrl });
      const error = await luml.organizations.list().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(APIResponseValidationError);
      expect((error as APIResponseValidationError).issues.length).toBeGreaterThan(0);
      expect((error as Error).message).toMatch(/0\.id/);
    } finally {
      await api.close();
    }
  });

  it("keeps unknown fields", async () => {
    const api = await startJsonServer({
      "GET /v1/users/me/organizations": {
        json: [{ id: "o", name: "N", created_at: "2025-01-01T00:00:00Z", brand_new: { x: 1 } }],
      },
    });
    try {
      const luml = new LumlClient({ apiKey: "dfs_validation_key_123", baseUrl: api.baseUrl });
      const [organization] = await luml.organizations.list();
      // Kept at runtime; the type names only the fields this version knows.
      expect((organization as { brand_new?: unknown } | undefined)?.brand_new).toEqual({ x: 1 });
    } finally {
      await api.close();
    }
  });
});

describe("the API key never leaks", () => {
  it("is absent from errors even when the server echoes it", async () => {
    const apiKey = "dfs_very_secret_key_0123456789";
    const api = await startJsonServer({
      "GET /v1/users/me/organizations": {
        status: 401,
        json: { detail: `Invalid key ${apiKey} (Authorization: Bearer ${apiKey})` },
        headers: { "www-authenticate": `Bearer ${apiKey}`, "x-request-id": "req-1" },
      },
    });
    try {
      const luml = new LumlClient({ apiKey, baseUrl: api.baseUrl });
      const error = (await luml.organizations
        .list()
        .catch((caught: unknown) => caught)) as AuthenticationError;
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.requestId).toBe("req-1");
      const everything = `${error.message} ${JSON.stringify(error)} ${JSON.stringify(error.body)} ${String(error.stack)}`;
      expect(everything).not.toContain(apiKey);
      expect(error.message).toContain("[redacted]");
    } finally {
      await api.close();
    }
  });

  it("is absent from the dev server's real 401 and from connection errors", async () => {
    const apiKey = "dfs_wrong_but_secret_key_98765";
    const luml = new LumlClient({ apiKey, baseUrl: server.baseUrl });
    const statusError = await luml.organizations.list().catch((caught: unknown) => caught);
    expect(statusError).toBeInstanceOf(AuthenticationError);
    const offline = new LumlClient({ apiKey, baseUrl: "http://127.0.0.1:9", maxRetries: 0 });
    const connectionError = await offline.organizations.list().catch((caught: unknown) => caught);
    for (const error of [statusError, connectionError]) {
      expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain(apiKey);
    }
  });
});

describe("storage requests", () => {
  it("sends no Authorization header to storage", async () => {
    const storage = await startJsonServer({ "PUT /bucket/object": { status: 200, text: "" } });
    try {
      const fetchTransport = createFetchTransport({
        baseUrl: server.baseUrl,
        apiKey: "dfs_never_to_storage",
      });
      await fetchTransport.storage({
        method: "PUT",
        url: `${storage.baseUrl}/bucket/object?X-Sig=1`,
        body: "abc",
      });
      expect(storage.requests[0]?.headers.authorization).toBeUndefined();
      expect(storage.requests[0]?.headers["content-length"]).toBe("3");
    } finally {
      await storage.close();
    }
  });

  it("uploads with counted progress and reads the bytes back as a stream", async () => {
    const luml = await seededClient(server, "s3");
    const created = await luml.artifacts.create({
      file_name: "progress.luml",
      manifest: lumlManifest(),
      file_hash: "0".repeat(64),
      file_index: {},
      size: 300_000,
    });
    const url = created.upload_details.url as string;
    const seen: number[] = [];
    const bytes = new Uint8Array(300_000).fill(7);
    const response = await transport().storage({
      method: "PUT",
      url,
      body: new Blob([bytes]),
      onUploadProgress: (loaded) => seen.push(loaded),
    });
    expect(response.status).toBe(200);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(300_000);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const { url: downloadUrl } = await luml.artifacts.downloadUrl(created.artifact.id);
    const download = await transport().storage({
      method: "GET",
      url: downloadUrl,
      responseType: "stream",
    });
    const back = new Uint8Array(await new Response(download.body).arrayBuffer());
    expect(back).toEqual(bytes);
  });

  it("says a status came from storage, and where, without the URL's signature", async () => {
    const storage = await startJsonServer({ "GET /bucket/object": { status: 403, text: "" } });
    try {
      const error = await transport()
        .storage({ method: "GET", url: `${storage.baseUrl}/bucket/object?X-Amz-Signature=s3cr3t` })
        .then(
          () => new Error("the GET succeeded"),
          (caught: Error) => caught,
        );
      expect(error.message).toBe(
        `Storage answered 403 (no details) to GET ${storage.baseUrl}/bucket/object`,
      );
      expect(error).toBeInstanceOf(PermissionDeniedError);
      expect((error as PermissionDeniedError).source).toBe("storage");
      expect(JSON.stringify(error)).not.toContain("s3cr3t");
    } finally {
      await storage.close();
    }
  });

  it("marks storage's connection errors and timeouts as storage's", async () => {
    // A storage host that accepts the request and never answers.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const refused = await transport({ maxRetries: 0 })
        .storage({ method: "GET", url: "http://127.0.0.1:9/bucket/object" })
        .catch((caught: unknown) => caught);
      const timedOut = await transport({ maxRetries: 0 })
        .storage({ method: "GET", url: `http://127.0.0.1:${port}/slow`, timeout: 200 })
        .catch((caught: unknown) => caught);
      // A PUT of bytes waits idleTimeout after its last byte, not the storage timeout,
      // and says what that wait may mean.
      const putTimedOut = await transport({ maxRetries: 0, idleTimeout: 200 })
        .storage({
          method: "PUT",
          url: `http://127.0.0.1:${port}/object`,
          body: new Uint8Array(1024),
        })
        .catch((caught: unknown) => caught);
      expect(refused).toBeInstanceOf(APIConnectionError);
      expect(timedOut).toBeInstanceOf(APITimeoutError);
      expect(putTimedOut).toBeInstanceOf(APITimeoutError);
      expect((putTimedOut as Error).message).toMatch(
        /no reply within 200 ms of the last byte sent: .*\(a larger idleTimeout allows for slow links, with storageTimeout if it is the smaller\)/,
      );
      expect([(refused as APIError).source, (timedOut as APIError).source]).toEqual([
        "storage",
        "storage",
      ]);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("retries a storage GET cut mid-body", async () => {
    const luml = await seededClient(server, "s3");
    const created = await luml.artifacts.create({
      file_name: "cut.luml",
      manifest: lumlManifest(),
      file_hash: "0".repeat(64),
      file_index: {},
      size: 5,
    });
    await transport().storage({
      method: "PUT",
      url: created.upload_details.url as string,
      body: "hello",
    });
    const { url } = await luml.artifacts.downloadUrl(created.artifact.id);
    server.faults.add({
      target: "s3",
      method: "GET",
      path: created.artifact.unique_identifier ?? "",
      action: { cut: "before-response" },
    });
    const response = await transport({ maxRetries: 1 }).storage({ method: "GET", url });
    expect(response.text).toBe("hello");
    expect(server.faults.list()[0]?.fired).toBe(1);
  });
});
