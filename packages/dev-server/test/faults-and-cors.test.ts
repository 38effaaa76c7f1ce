import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/start-dev-server";
import { AzureSasSigner, S3Presigner } from "../src/storage/presign";
import type { DevServer } from "../src/types";
import { artifactsPath, call, modelBody, orbitPath } from "./helpers";

let server: DevServer;
let quiet: DevServer;
beforeAll(async () => {
  [server, quiet] = await Promise.all([
    startDevServer({ faults: true, corsOrigins: ["http://app.example"] }),
    startDevServer(),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([server?.stop(), quiet?.stop()]);
});

describe("CORS", () => {
  it("answers a preflight from an allowed origin", async () => {
    const response = await fetch(`${server.baseUrl}/v1/users/me/organizations`, {
      method: "OPTIONS",
      headers: {
        origin: "http://app.example",
        "access-control-request-method": "PATCH",
        "access-control-request-headers": "authorization,content-type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://app.example");
    expect(response.headers.get("access-control-allow-methods")).toContain("PATCH");
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
      "authorization",
    );
  });

  it("does not allow other origins, and allows any with the default", async () => {
    const refused = await fetch(`${server.baseUrl}/v1/auth/api-keys/validate`, {
      headers: { origin: "http://evil.example", authorization: `Bearer ${server.apiKey}` },
    });
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const open = await fetch(`${quiet.baseUrl}/v1/auth/api-keys/validate`, {
      headers: { origin: "http://evil.example", authorization: `Bearer ${quiet.apiKey}` },
    });
    expect(open.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("storage faults", () => {
  it("cut after handling: the storage stores the object, and no reply comes", async () => {
    const s3 = new S3Presigner(server.storage.s3, 600);
    const azure = new AzureSasSigner(server.storage.azure, 600);
    try {
      const bytes = new TextEncoder().encode("stored, though the client never hears");
      const cases = [
        { target: "s3" as const, put: await s3.putObject("lost/s3.bin"), headers: {} },
        {
          target: "azure" as const,
          put: azure.blobUrl("lost/azure.bin", "cw"),
          headers: { "x-ms-blob-type": "BlockBlob" },
        },
      ];
      for (const { target, put, headers } of cases) {
        server.faults.add({
          target,
          method: "PUT",
          path: "/lost/",
          action: { cut: "after-handling" },
        });
        await expect(fetch(put, { method: "PUT", headers, body: bytes })).rejects.toThrow();
        server.faults.clear();
      }
      const stored = [await s3.getObject("lost/s3.bin"), azure.blobUrl("lost/azure.bin", "r")];
      for (const url of stored) {
        const response = await fetch(url);
        expect(response.status).toBe(200);
        expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
      }
    } finally {
      s3.destroy();
      server.faults.clear();
    }
  });
});

describe("API faults", () => {
  it("are managed over HTTP at /_dev/faults, and absent when disabled", async () => {
    expect((await call(quiet, "GET", "/_dev/faults", { apiKey: null })).status).toBe(404);
    const added = await call(server, "POST", "/_dev/faults", {
      apiKey: null,
      body: { target: "api", path: "^/v1/never", action: { status: 500 } },
    });
    expect(added.status).toBe(201);
    expect(added.body.id).toEqual(expect.any(String));
    const listed = await call(server, "GET", "/_dev/faults", { apiKey: null });
    expect(listed.body).toEqual([
      expect.objectContaining({ id: added.body.id, matched: 0, fired: 0 }),
    ]);
    expect(
      (await call(server, "POST", "/_dev/faults", { apiKey: null, body: { target: "x" } })).status,
    ).toBe(400);
    expect((await call(server, "DELETE", "/_dev/faults", { apiKey: null })).status).toBe(204);
    expect((await call(server, "GET", "/_dev/faults", { apiKey: null })).body).toEqual([]);
  });

  it("answer 503 with Retry-After on the nth matching request only", async () => {
    await call(server, "POST", "/_dev/faults", {
      apiKey: null,
      body: {
        target: "api",
        method: "GET",
        path: "/orbits$",
        nth: 2,
        action: { status: 503, retryAfter: 3 },
      },
    });
    const path = `/v1/organizations/${server.seeded.organization.id}/orbits`;
    expect((await call(server, "GET", path)).status).toBe(200);
    const failed = await call(server, "GET", path, { headers: { origin: "http://app.example" } });
    expect(failed.status).toBe(503);
    expect(failed.headers.get("retry-after")).toBe("3");
    expect(failed.headers.get("access-control-allow-origin")).toBe("http://app.example");
    expect((await call(server, "GET", path)).status).toBe(200);
    const [rule] = server.faults.list();
    expect(rule).toMatchObject({ matched: 3, fired: 1 });
    server.faults.clear();
  });

  it("cut the connection before the response or in the middle of the body", async () => {
    server.faults.add({
      target: "api",
      path: "/users/me/organizations",
      action: { cut: "before-response" },
    });
    await expect(call(server, "GET", "/v1/users/me/organizations")).rejects.toThrow();
    server.faults.clear();
    server.faults.add({
      target: "api",
      path: "/users/me/organizations",
      action: { cut: "mid-body" },
    });
    const response = await fetch(`${server.baseUrl}/v1/users/me/organizations`, {
      headers: { authorization: `Bearer ${server.apiKey}` },
    });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    server.faults.clear();
    expect((await call(server, "GET", "/v1/users/me/organizations")).status).toBe(200);
  });

  it("cut after handling: the request takes effect, and no reply comes", async () => {
    const name = `lost-reply-${Date.now()}`;
    server.faults.add({
      target: "api",
      method: "POST",
      path: "/artifacts$",
      action: { cut: "after-handling" },
    });
    await expect(
      call(server, "POST", artifactsPath(server), { body: modelBody({ name }) }),
    ).rejects.toThrow();
    server.faults.clear();
    const listed = await call(server, "GET", `${orbitPath(server)}/artifacts?search=${name}`);
    expect(listed.body.items.map((artifact: { name: string }) => artifact.name)).toEqual([name]);
  });

  it("holds an API reply back as long as its body takes at bytesPerSecond", async () => {
    const path = "/v1/users/me/organizations";
    const size = JSON.stringify((await call(server, "GET", path)).body).length;
    server.faults.add({ target: "api", path: "/organizations$", action: { bytesPerSecond: 2000 } });
    const started = performance.now();
    const paced = await call(server, "GET", path);
    expect(paced.status).toBe(200);
    expect(JSON.stringify(paced.body).length).toBe(size);
    expect(performance.now() - started).toBeGreaterThanOrEqual((size / 2000) * 1000 - 10);
    expect(size).toBeGreaterThan(200);
  });

  it("delay and corrupt responses", async () => {
    server.faults.add({ target: "api", path: "/validate", action: { delayMs: 300 } });
    const started = Date.now();
    expect((await call(server, "GET", "/v1/auth/api-keys/validate")).status).toBe(204);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    server.faults.clear();
    const path = `/v1/organizations/${server.seeded.organization.id}/orbits`;
    const clean = await (
      await fetch(`${server.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${server.apiKey}` },
      })
    ).text();
    server.faults.add({ target: "api", path: "/orbits$", action: { corrupt: true } });
    const corrupted = await (
      await fetch(`${server.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${server.apiKey}` },
      })
    ).text();
    expect(corrupted.length).toBe(clean.length);
    expect(corrupted).not.toBe(clean);
    server.faults.clear();
  });
});
