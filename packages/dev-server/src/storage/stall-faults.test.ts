import { createHash, randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WatchedExchange } from "../../test/watched-exchange";
import { FaultEngine } from "../faults";
import { type StorageBackend, startStorage } from "./index";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const key = (name: string) => `orbit-1/collection-2/${randomBytes(16).toString("hex")}-${name}`;
const kinds = ["s3", "azure"] as const;
const uploadHeaders: Record<string, Record<string, string>> = {
  s3: {},
  azure: { "x-ms-blob-type": "BlockBlob" },
};
/** How long a stalled exchange is watched for bytes that must not come. */
const QUIET_MS = 600;

let storage: StorageBackend;
const faults = new FaultEngine(true);
const open: WatchedExchange[] = [];

beforeAll(async () => {
  storage = await startStorage({ host: "127.0.0.1", corsOrigins: "*", faults, urlExpiresIn: 600 });
}, 60_000);
afterEach(() => {
  for (const exchange of open.splice(0)) exchange.destroy();
  faults.clear();
});
afterAll(async () => {
  await storage?.stop();
});

function watch(
  url: string,
  options: { method: string; headers?: Record<string, string>; bodySize?: number },
): WatchedExchange {
  const exchange = new WatchedExchange(url, options);
  open.push(exchange);
  return exchange;
}

async function upload(kind: "s3" | "azure", objectKey: string, bytes: Uint8Array): Promise<void> {
  const put = await fetch(await storage.simpleUploadUrl(kind, objectKey), {
    method: "PUT",
    body: bytes,
    headers: uploadHeaders[kind],
  });
  expect(put.ok).toBe(true);
}

async function storedStatus(kind: "s3" | "azure", objectKey: string): Promise<number> {
  const response = await fetch(await storage.downloadUrl(kind, objectKey));
  await response.arrayBuffer();
  return response.status;
}

describe.each(kinds)("%s proxy stall faults", (kind) => {
  it("after-headers on a download: status and real Content-Length, then nothing, open", async () => {
    const objectKey = key("after-headers.fnnx");
    await upload(kind, objectKey, randomBytes(500_000));
    faults.add({
      target: kind,
      method: "GET",
      path: "after-headers",
      action: { stall: "after-headers" },
    });
    const exchange = watch(await storage.downloadUrl(kind, objectKey), { method: "GET" });
    await exchange.headersOrClose();
    expect(exchange.status).toBe(200);
    expect(exchange.headers?.["content-length"]).toBe("500000");
    await sleep(QUIET_MS);
    expect(exchange.bodyBytes).toBe(0);
    expect(exchange.closed).toBe(false);
  });

  it("mid-body on a download: about half, then nothing, open", async () => {
    const objectKey = key("mid-body.fnnx");
    await upload(kind, objectKey, randomBytes(1_000_000));
    faults.add({ target: kind, method: "GET", path: "mid-body", action: { stall: "mid-body" } });
    const exchange = watch(await storage.downloadUrl(kind, objectKey), { method: "GET" });
    await exchange.headersOrClose();
    expect(exchange.headers?.["content-length"]).toBe("1000000");
    await sleep(QUIET_MS);
    expect(exchange.bodyBytes).toBe(500_000);
    expect(exchange.closed).toBe(false);
  });

  it("request on an upload: the upload stalls, no reply, nothing stored", async () => {
    const objectKey = key("stalled-upload.fnnx");
    faults.add({
      target: kind,
      method: "PUT",
      path: "stalled-upload",
      action: { stall: "request" },
    });
    const size = 32 * 1024 * 1024;
    const exchange = watch(await storage.simpleUploadUrl(kind, objectKey), {
      method: "PUT",
      headers: uploadHeaders[kind],
      bodySize: size,
    });
    expect(await exchange.upload(size)).toBe(true);
    expect(exchange.bytesSent).toBeLessThan(size);
    await sleep(QUIET_MS);
    expect(exchange.status).toBeUndefined();
    expect(exchange.closed).toBe(false);
    exchange.destroy();
    await exchange.closing;
    expect(await storedStatus(kind, objectKey)).toBe(404);
  });

  it("cut mid-body on an upload cuts the connection mid-request: no reply, nothing stored", async () => {
    const objectKey = key("cut-upload.fnnx");
    faults.add({ target: kind, method: "PUT", path: "cut-upload", action: { cut: "mid-body" } });
    const size = 8 * 1024 * 1024;
    const exchange = watch(await storage.simpleUploadUrl(kind, objectKey), {
      method: "PUT",
      headers: uploadHeaders[kind],
      bodySize: size,
    });
    await exchange.upload(size);
    await exchange.closing;
    expect(exchange.status).toBeUndefined();
    expect(await storedStatus(kind, objectKey)).toBe(404);
  });
});

describe("S3 CompleteMultipartUpload faults", () => {
  async function pendingUpload(name: string, bytes: Uint8Array) {
    const objectKey = key(name);
    const created = await fetch(await storage.s3CreateMultipartUrl(objectKey), { method: "POST" });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(await created.text())?.[1] as string;
    const { parts, completeUrl } = await storage.multipartUrls("s3", objectKey, uploadId, [1]);
    const part = await fetch(parts[0] as string, { method: "PUT", body: bytes });
    const etag = part.headers.get("etag") as string;
    const body = Buffer.from(
      `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${etag}</ETag></Part></CompleteMultipartUpload>`,
    );
    return { objectKey, completeUrl, body };
  }

  async function postComplete(completeUrl: string, body: Buffer): Promise<WatchedExchange> {
    const exchange = watch(completeUrl, { method: "POST", bodySize: body.length });
    exchange.send(body);
    return exchange;
  }

  it("cut mid-body cuts the POST mid-request: no reply, the upload stays pending", async () => {
    const bytes = randomBytes(100_000);
    const { objectKey, completeUrl, body } = await pendingUpload("cut-complete.fnnx", bytes);
    faults.add({ target: "s3", method: "POST", path: "cut-complete", action: { cut: "mid-body" } });
    const exchange = await postComplete(completeUrl, body);
    await exchange.closing;
    expect(exchange.status).toBeUndefined();
    expect(await storedStatus("s3", objectKey)).toBe(404);
    // Not completed: the same POST succeeds afterwards.
    const retried = await fetch(completeUrl, { method: "POST", body });
    expect(retried.status).toBe(200);
    const stored = await fetch(await storage.downloadUrl("s3", objectKey));
    expect(sha256(new Uint8Array(await stored.arrayBuffer()))).toBe(sha256(bytes));
  });

  it("stall after-headers completes the upload but the client never reads the result", async () => {
    const bytes = randomBytes(100_000);
    const { objectKey, completeUrl, body } = await pendingUpload("stall-complete.fnnx", bytes);
    faults.add({
      target: "s3",
      method: "POST",
      path: "stall-complete",
      action: { stall: "after-headers" },
    });
    const exchange = await postComplete(completeUrl, body);
    await exchange.headersOrClose();
    expect(exchange.status).toBe(200);
    expect(Number(exchange.headers?.["content-length"])).toBeGreaterThan(0);
    await sleep(QUIET_MS);
    expect(exchange.bodyBytes).toBe(0);
    expect(exchange.closed).toBe(false);
    const stored = await fetch(await storage.downloadUrl("s3", objectKey));
    expect(sha256(new Uint8Array(await stored.arrayBuffer()))).toBe(sha256(bytes));
  });

  it("stall mid-body sends half of the CompleteMultipartUploadResult", async () => {
    const { completeUrl, body } = await pendingUpload("half-complete.fnnx", randomBytes(1000));
    faults.add({
      target: "s3",
      method: "POST",
      path: "half-complete",
      action: { stall: "mid-body" },
    });
    const exchange = await postComplete(completeUrl, body);
    await exchange.headersOrClose();
    const length = Number(exchange.headers?.["content-length"]);
    await sleep(QUIET_MS);
    expect(exchange.bodyBytes).toBe(Math.floor(length / 2));
    expect(exchange.closed).toBe(false);
  });
});

describe("stop() with stalled storage connections", () => {
  it("destroys them, finishes, and leaves no timer behind", async () => {
    const timersBefore = process.getActiveResourcesInfo().filter((name) => name === "Timeout");
    const engine = new FaultEngine(true);
    const backend = await startStorage({
      host: "127.0.0.1",
      corsOrigins: "*",
      faults: engine,
      urlExpiresIn: 60,
    });
    const exchanges: WatchedExchange[] = [];
    try {
      const objectKey = key("stop.fnnx");
      for (const kind of kinds) {
        const put = await fetch(await backend.simpleUploadUrl(kind, objectKey), {
          method: "PUT",
          body: randomBytes(200_000),
          headers: uploadHeaders[kind],
        });
        expect(put.ok).toBe(true);
      }
      engine.add({ target: "s3", method: "GET", path: "stop", action: { stall: "after-headers" } });
      engine.add({ target: "azure", method: "GET", path: "stop", action: { stall: "mid-body" } });
      engine.add({ target: "s3", method: "PUT", path: "stop", action: { stall: "request" } });
      exchanges.push(
        new WatchedExchange(await backend.downloadUrl("s3", objectKey), { method: "GET" }),
        new WatchedExchange(await backend.downloadUrl("azure", objectKey), { method: "GET" }),
      );
      const uploading = new WatchedExchange(await backend.simpleUploadUrl("s3", objectKey), {
        method: "PUT",
        bodySize: 32 * 1024 * 1024,
      });
      exchanges.push(uploading);
      expect(await uploading.upload(32 * 1024 * 1024)).toBe(true);
      for (const exchange of exchanges.slice(0, 2)) await exchange.headersOrClose();
      expect(exchanges.map((exchange) => exchange.closed)).toEqual([false, false, false]);
      const started = Date.now();
      await backend.stop();
      expect(Date.now() - started).toBeLessThan(10_000);
      await Promise.all(exchanges.map((exchange) => exchange.closing));
    } finally {
      for (const exchange of exchanges) exchange.destroy();
      await backend.stop();
    }
    await sleep(50);
    const timersAfter = process.getActiveResourcesInfo().filter((name) => name === "Timeout");
    expect(timersAfter.length).toBeLessThanOrEqual(timersBefore.length);
  }, 60_000);
});
