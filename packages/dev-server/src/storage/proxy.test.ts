import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FaultEngine } from "../faults";
import { type StorageBackend, startStorage } from "./index";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const key = (name: string) => `orbit-1/collection-2/${randomBytes(16).toString("hex")}-${name}`;
const kinds = ["s3", "azure"] as const;
const uploadHeaders = { s3: {}, azure: { "x-ms-blob-type": "BlockBlob" } };

let storage: StorageBackend;
const faults = new FaultEngine(true);

beforeAll(async () => {
  storage = await startStorage({ host: "127.0.0.1", corsOrigins: "*", faults, urlExpiresIn: 600 });
}, 60_000);

afterAll(async () => {
  await storage?.stop();
});

beforeEach(() => faults.clear());

async function upload(
  kind: "s3" | "azure",
  objectKey: string,
  bytes: Uint8Array,
): Promise<Response> {
  return fetch(await storage.simpleUploadUrl(kind, objectKey), {
    method: "PUT",
    body: bytes,
    headers: uploadHeaders[kind],
  });
}

async function stored(kind: "s3" | "azure", objectKey: string): Promise<number> {
  return (await fetch(await storage.downloadUrl(kind, objectKey))).status;
}

describe.each(kinds)("%s proxy CORS", (kind) => {
  it("answers preflights for uploads from a page", async () => {
    const url = await storage.simpleUploadUrl(kind, key("a.fnnx"));
    const preflight = await fetch(url, {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:5173",
        "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "content-type,x-ms-blob-type,range",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toMatch(/PUT/);
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/x-ms-blob-type/);
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/range/);
  });

  it("lets a page read ETag on real responses", async () => {
    const put = await fetch(await storage.simpleUploadUrl(kind, key("a.fnnx")), {
      method: "PUT",
      body: "hello",
      headers: { ...uploadHeaders[kind], Origin: "http://localhost:5173" },
    });
    expect(put.ok).toBe(true);
    expect(put.headers.get("access-control-allow-origin")).toBe("*");
    expect(put.headers.get("access-control-expose-headers")).toMatch(/ETag/);
    // A page must read Retry-After to honour a 429 or 503 from storage.
    expect(put.headers.get("access-control-expose-headers")).toMatch(/Retry-After/);
  });

  it("lets a page read a storage error and a ranged download", async () => {
    const page = { Origin: "http://localhost:5173" };
    const missing = await fetch(await storage.downloadUrl(kind, key("missing.fnnx")), {
      headers: page,
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("access-control-allow-origin")).toBe("*");
    expect(await missing.text()).toMatch(kind === "s3" ? /NoSuchKey/ : /BlobNotFound/);

    const objectKey = key("ranged.fnnx");
    expect((await upload(kind, objectKey, new TextEncoder().encode("0123456789"))).ok).toBe(true);
    const ranged = await fetch(await storage.downloadUrl(kind, objectKey), {
      headers: { ...page, Range: "bytes=2-5" },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("access-control-allow-origin")).toBe("*");
    expect(ranged.headers.get("access-control-expose-headers")).toMatch(/Content-Range/);
    expect(ranged.headers.get("vary")).toBeNull();
    expect(await ranged.text()).toBe("2345");
  });
});

describe.each(kinds)("%s URLs", (kind) => {
  it("are never signed for a key that climbs out of its folder", async () => {
    await expect(storage.simpleUploadUrl(kind, "a/../../b.fnnx")).rejects.toThrow(/segment/);
    await expect(storage.downloadUrl(kind, "a/./b.fnnx")).rejects.toThrow(/segment/);
    await expect(storage.deleteUrl(kind, "a/b\u0000.fnnx")).rejects.toThrow(/control/);
  });
});

describe("CORS with an origin list", () => {
  it("echoes allowed origins and refuses others", async () => {
    const restricted = await startStorage({
      host: "127.0.0.1",
      corsOrigins: ["http://app.test"],
      faults: new FaultEngine(false),
      urlExpiresIn: 60,
    });
    try {
      const url = await restricted.simpleUploadUrl("s3", key("a.fnnx"));
      const allowed = await fetch(url, {
        method: "OPTIONS",
        headers: { Origin: "http://app.test", "Access-Control-Request-Method": "PUT" },
      });
      expect(allowed.headers.get("access-control-allow-origin")).toBe("http://app.test");
      const refused = await fetch(url, {
        method: "OPTIONS",
        headers: { Origin: "http://evil.test", "Access-Control-Request-Method": "PUT" },
      });
      expect(refused.status).toBe(403);
      expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await restricted.stop();
    }
  }, 60_000);
});

describe.each(kinds)("%s proxy faults", (kind) => {
  it("answers a status fault without forwarding: nothing stored", async () => {
    faults.add({
      target: kind,
      method: "PUT",
      path: "status\\.fnnx",
      action: { status: 503, retryAfter: 2, body: "busy" },
    });
    const objectKey = key("status.fnnx");
    const put = await upload(kind, objectKey, randomBytes(1000));
    expect(put.status).toBe(503);
    expect(put.headers.get("retry-after")).toBe("2");
    expect(await put.text()).toBe("busy");
    expect(await stored(kind, objectKey)).toBe(404);
    // The rule fired once; the retry goes through.
    expect((await upload(kind, objectKey, randomBytes(10))).ok).toBe(true);
    expect(await stored(kind, objectKey)).toBe(200);
  });

  it("fires on the nth matching request only", async () => {
    const objectKey = key("nth.fnnx");
    await upload(kind, objectKey, randomBytes(10));
    faults.add({
      target: kind,
      method: "GET",
      path: "nth\\.fnnx",
      nth: 2,
      action: { status: 500 },
    });
    expect(await stored(kind, objectKey)).toBe(200);
    expect(await stored(kind, objectKey)).toBe(500);
    expect(await stored(kind, objectKey)).toBe(200);
  });

  it("delays then forwards", async () => {
    const objectKey = key("slow.fnnx");
    const bytes = randomBytes(2000);
    await upload(kind, objectKey, bytes);
    faults.add({ target: kind, method: "GET", path: "slow\\.fnnx", action: { delayMs: 400 } });
    const started = Date.now();
    const get = await fetch(await storage.downloadUrl(kind, objectKey));
    expect(sha256(new Uint8Array(await get.arrayBuffer()))).toBe(sha256(bytes));
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it("paces an upload and a download at bytesPerSecond, bytes intact", async () => {
    const objectKey = key("paced.fnnx");
    const bytes = randomBytes(400_000);
    const paced = { target: kind, path: "paced\\.fnnx", action: { bytesPerSecond: 1_000_000 } };
    faults.add({ ...paced, method: "PUT" });
    let started = performance.now();
    await upload(kind, objectKey, bytes);
    // 400 kB at 1 MB/s takes 0.4 s at least, however fast the machine.
    expect(performance.now() - started).toBeGreaterThanOrEqual(380);
    faults.add({ ...paced, method: "GET" });
    started = performance.now();
    const get = await fetch(await storage.downloadUrl(kind, objectKey));
    expect(sha256(new Uint8Array(await get.arrayBuffer()))).toBe(sha256(bytes));
    expect(performance.now() - started).toBeGreaterThanOrEqual(380);
  });

  it("closes the connection before a response: nothing stored", async () => {
    faults.add({
      target: kind,
      method: "PUT",
      path: "cut\\.fnnx",
      action: { cut: "before-response" },
    });
    const objectKey = key("cut.fnnx");
    await expect(upload(kind, objectKey, randomBytes(50_000))).rejects.toThrow();
    expect(await stored(kind, objectKey)).toBe(404);
  });

  it("cuts an upload mid-body: nothing stored", async () => {
    faults.add({ target: kind, method: "PUT", path: "half\\.fnnx", action: { cut: "mid-body" } });
    const objectKey = key("half.fnnx");
    await expect(upload(kind, objectKey, randomBytes(2_000_000))).rejects.toThrow();
    expect(await stored(kind, objectKey)).toBe(404);
  });

  it("cuts a download mid-body after the headers", async () => {
    const objectKey = key("download.fnnx");
    const bytes = randomBytes(1_000_000);
    await upload(kind, objectKey, bytes);
    faults.add({
      target: kind,
      method: "GET",
      path: "download\\.fnnx",
      action: { cut: "mid-body" },
    });
    const get = await fetch(await storage.downloadUrl(kind, objectKey));
    expect(get.status).toBe(200);
    expect(get.headers.get("content-length")).toBe(String(bytes.length));
    const reader = (get.body as ReadableStream<Uint8Array>).getReader();
    let received = 0;
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          received += value.length;
        }
      })(),
    ).rejects.toThrow();
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(bytes.length);
  });

  it("corrupts one byte of a download", async () => {
    const objectKey = key("corrupt.fnnx");
    const bytes = randomBytes(100_000);
    await upload(kind, objectKey, bytes);
    faults.add({ target: kind, method: "GET", path: "corrupt\\.fnnx", action: { corrupt: true } });
    const corrupted = Buffer.from(
      await (await fetch(await storage.downloadUrl(kind, objectKey))).arrayBuffer(),
    );
    expect(corrupted.length).toBe(bytes.length);
    expect(sha256(corrupted)).not.toBe(sha256(bytes));
    let differing = 0;
    for (let index = 0; index < bytes.length; index++)
      if (corrupted[index] !== bytes[index]) differing++;
    expect(differing).toBe(1);
    const clean = Buffer.from(
      await (await fetch(await storage.downloadUrl(kind, objectKey))).arrayBuffer(),
    );
    expect(sha256(clean)).toBe(sha256(bytes));
  });
});

describe.each(kinds)("%s proxy with a client that gives up", (kind) => {
  it("stores nothing when the upload is aborted halfway, and keeps the previous object intact", async () => {
    const objectKey = key("aborted.fnnx");
    const original = randomBytes(1000);
    expect((await upload(kind, objectKey, original)).ok).toBe(true);
    const url = new URL(await storage.simpleUploadUrl(kind, objectKey));
    const request = httpRequest(url, {
      method: "PUT",
      headers: { ...uploadHeaders[kind], "Content-Length": String(2_000_000) },
    });
    request.on("error", () => undefined);
    await new Promise<void>((resolve) => request.write(randomBytes(700_000), () => resolve()));
    await sleep(100);
    request.destroy();
    await sleep(300);
    const get = await fetch(await storage.downloadUrl(kind, objectKey));
    expect(get.status).toBe(200);
    expect(sha256(new Uint8Array(await get.arrayBuffer()))).toBe(sha256(original));
  });
});

function childProcesses(): number[] {
  const output = execFileSync("ps", ["-o", "pid=", "--ppid", String(process.pid)], {
    encoding: "utf8",
  });
  return output
    .split("\n")
    .map((line) => Number(line.trim()))
    .filter((pid) => pid > 0);
}

function portIsClosed(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

describe("stop()", () => {
  it("frees every port and leaves no child process or temporary folder", async () => {
    const before = childProcesses();
    const backend = await startStorage({
      host: "127.0.0.1",
      corsOrigins: "*",
      faults: new FaultEngine(false),
      urlExpiresIn: 60,
    });
    const started = childProcesses().filter((pid) => !before.includes(pid));
    expect(started.length).toBeGreaterThan(0);
    // Connections kept alive by clients must not hold the servers open.
    expect((await upload("s3", key("a.fnnx"), randomBytes(10))).ok).toBe(true);
    const endpoints = [
      backend.info.s3.endpoint,
      backend.info.s3.backendEndpoint,
      backend.info.azure.endpoint,
      backend.info.azure.backendEndpoint,
    ];
    for (const endpoint of endpoints) expect(await portIsClosed(endpoint)).toBe(false);
    await backend.stop();
    for (const endpoint of endpoints) expect(await portIsClosed(endpoint)).toBe(true);
    const remaining = childProcesses().filter((pid) => started.includes(pid));
    expect(remaining).toEqual([]);
  }, 60_000);
});
