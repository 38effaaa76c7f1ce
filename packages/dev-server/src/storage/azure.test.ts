import { createHash, randomBytes } from "node:crypto";
import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FaultEngine } from "../faults";
import { type StorageBackend, startStorage } from "./index";
import { azureBlockId } from "./presign";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const key = (name: string) => `orbit-1/collection-2/${randomBytes(16).toString("hex")}-${name}`;

let storage: StorageBackend;
let container: ReturnType<BlobServiceClient["getContainerClient"]>;

beforeAll(async () => {
  storage = await startStorage({
    host: "127.0.0.1",
    corsOrigins: "*",
    faults: new FaultEngine(false),
    urlExpiresIn: 3600,
  });
  const info = storage.info.azure;
  container = new BlobServiceClient(
    info.backendEndpoint,
    new StorageSharedKeyCredential(info.accountName, info.accountKey),
  ).getContainerClient(info.container);
}, 60_000);

afterAll(async () => {
  await storage?.stop();
});

async function readBack(blobName: string): Promise<Buffer> {
  return container.getBlobClient(blobName).downloadToBuffer();
}

describe("Azure simple upload", () => {
  it("stores the exact bytes, readable through the SAS GET and the Azure SDK", async () => {
    const blobName = key("model.fnnx");
    const bytes = randomBytes(400_000);
    const put = await fetch(await storage.simpleUploadUrl("azure", blobName), {
      method: "PUT",
      body: bytes,
      headers: { "x-ms-blob-type": "BlockBlob" },
    });
    expect(put.status).toBe(201);
    expect(put.headers.get("etag")).toBeTruthy();
    expect(sha256(await readBack(blobName))).toBe(sha256(bytes));
    const get = await fetch(await storage.downloadUrl("azure", blobName));
    expect(get.status).toBe(200);
    expect(sha256(new Uint8Array(await get.arrayBuffer()))).toBe(sha256(bytes));
  });

  it("answers a Range GET with 206", async () => {
    const blobName = key("range.tar");
    const bytes = randomBytes(10_000);
    await fetch(await storage.simpleUploadUrl("azure", blobName), {
      method: "PUT",
      body: bytes,
      headers: { "x-ms-blob-type": "BlockBlob" },
    });
    const get = await fetch(await storage.downloadUrl("azure", blobName), {
      headers: { Range: "bytes=9000-" },
    });
    expect(get.status).toBe(206);
    expect(get.headers.get("content-range")).toBe("bytes 9000-9999/10000");
    expect(Buffer.from(await get.arrayBuffer()).equals(bytes.subarray(9000))).toBe(true);
  });

  it("deletes with the SAS DELETE (202)", async () => {
    const blobName = key("gone.fnnx");
    await fetch(await storage.simpleUploadUrl("azure", blobName), {
      method: "PUT",
      body: "x",
      headers: { "x-ms-blob-type": "BlockBlob" },
    });
    expect(
      (await fetch(await storage.deleteUrl("azure", blobName), { method: "DELETE" })).status,
    ).toBe(202);
    expect(await container.getBlobClient(blobName).exists()).toBe(false);
  });

  it("refuses a tampered SAS with 403 and stores nothing", async () => {
    const blobName = key("model.fnnx");
    const url = new URL(await storage.simpleUploadUrl("azure", blobName));
    const signature = url.searchParams.get("sig") as string;
    url.searchParams.set("sig", `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`);
    const put = await fetch(url, {
      method: "PUT",
      body: "x",
      headers: { "x-ms-blob-type": "BlockBlob" },
    });
    expect(put.status).toBe(403);
    expect(await container.getBlobClient(blobName).exists()).toBe(false);
  });

  it("refuses a read SAS used for writing", async () => {
    const blobName = key("model.fnnx");
    const put = await fetch(await storage.downloadUrl("azure", blobName), {
      method: "PUT",
      body: "x",
      headers: { "x-ms-blob-type": "BlockBlob" },
    });
    expect(put.status).toBe(403);
  });
});

describe("Azure block upload", () => {
  it("commits blocks uploaded out of order into the exact file", async () => {
    const blobName = key("big.fnnx");
    const parts = [randomBytes(3_000_000), randomBytes(2_500_000), randomBytes(777)];
    const urls = await storage.multipartUrls("azure", blobName, null, [1, 2, 3]);
    expect(urls.parts[0]).toContain(`&comp=block&blockid=${encodeURIComponent(azureBlockId(1))}`);
    expect(Buffer.from(azureBlockId(12), "base64").toString()).toBe("block-00000012");
    expect(urls.completeUrl.endsWith("&comp=blocklist")).toBe(true);
    for (const index of [2, 0, 1]) {
      const put = await fetch(urls.parts[index] as string, { method: "PUT", body: parts[index] });
      expect(put.status).toBe(201);
    }
    const blockList = `<?xml version="1.0" encoding="utf-8"?><BlockList>${[1, 2, 3].map((n) => `<Latest>${azureBlockId(n)}</Latest>`).join("")}</BlockList>`;
    const complete = await fetch(urls.completeUrl, {
      method: "PUT",
      body: blockList,
      headers: { "Content-Type": "application/xml" },
    });
    expect(complete.status).toBe(201);
    const whole = Buffer.concat(parts);
    expect(sha256(await readBack(blobName))).toBe(sha256(whole));
  }, 60_000);
});
