import { createHash, randomBytes } from "node:crypto";
import { GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/start-dev-server";
import type { DevServer } from "../src/types";
import { artifactsPath, call, modelBody } from "./helpers";

let server: DevServer;
let shortLived: DevServer;
beforeAll(async () => {
  [server, shortLived] = await Promise.all([
    // Parts of 2,000 bytes keep the multipart tests small; S3 itself would refuse them.
    startDevServer({ multipartThreshold: 4096, partSize: 2000, s3MinPartSize: 0 }),
    startDevServer({ urlExpiresIn: 1 }),
  ]);
}, 90_000);
afterAll(async () => {
  await Promise.all([server?.stop(), shortLived?.stop()]);
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Reads an object straight from s3rver with the AWS SDK, bypassing the signing proxy. */
function backendS3Client(): S3Client {
  const info = server.storage.s3;
  return new S3Client({
    endpoint: info.backendEndpoint,
    region: info.region,
    forcePathStyle: true,
    // s3rver's own fixed credentials: the check bypasses the proxy and its keys.
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
}

async function readS3(key: string): Promise<Uint8Array> {
  const info = server.storage.s3;
  const client = backendS3Client();
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: info.bucket, Key: key }));
    return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
  } finally {
    client.destroy();
  }
}

async function s3Exists(key: string): Promise<boolean> {
  const client = backendS3Client();
  try {
    await client.send(new HeadObjectCommand({ Bucket: server.storage.s3.bucket, Key: key }));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/** Reads a blob straight from Azurite with the Azure SDK, bypassing the SAS proxy. */
async function readAzure(key: string): Promise<Uint8Array> {
  const info = server.storage.azure;
  const service = new BlobServiceClient(
    info.backendEndpoint,
    new StorageSharedKeyCredential(info.accountName, info.accountKey),
  );
  return service.getContainerClient(info.container).getBlobClient(key).downloadToBuffer();
}

async function createArtifact(target: DevServer, kind: "s3" | "azure", bytes: Uint8Array) {
  const response = await call(target, "POST", artifactsPath(target, kind), {
    body: modelBody({ size: bytes.length, file_hash: sha256(bytes) }),
  });
  expect(response.status).toBe(200);
  return {
    artifact: response.body.artifact,
    details: response.body.upload_details,
    path: `${artifactsPath(target, kind)}/${response.body.artifact.id}`,
  };
}

async function partUrls(
  details: { bucket_secret_id: string; bucket_location: string },
  size: number,
  uploadId: string | null,
) {
  const response = await call(server, "POST", "/v1/bucket-secrets/upload/multipart", {
    body: {
      bucket_id: details.bucket_secret_id,
      bucket_location: details.bucket_location,
      size,
      upload_id: uploadId,
    },
  });
  expect(response.status).toBe(200);
  return response.body as {
    parts: Array<{ part_number: number; url: string; start_byte: number; end_byte: number }>;
    complete_url: string;
  };
}

async function downloadHash(path: string): Promise<string> {
  const { body } = await call(server, "GET", `${path}/download-url`);
  const response = await fetch(body.url);
  expect(response.status).toBe(200);
  return sha256(new Uint8Array(await response.arrayBuffer()));
}

describe("S3 uploads through presigned URLs", () => {
  it("uploads a simple PUT, reads it back and deletes it through the protocol", async () => {
    const bytes = randomBytes(3000);
    const { artifact, details, path } = await createArtifact(server, "s3", bytes);
    expect(details.multipart).toBe(false);
    const put = await fetch(details.url, { method: "PUT", body: bytes });
    expect(put.status).toBe(200);
    expect((await call(server, "PATCH", path, { body: { status: "uploaded" } })).body.status).toBe(
      "uploaded",
    );
    expect(sha256(await readS3(artifact.bucket_location))).toBe(artifact.file_hash);
    expect(await downloadHash(path)).toBe(artifact.file_hash);

    const deleteUrl = (await call(server, "GET", `${path}/delete-url`)).body.url;
    expect((await fetch(deleteUrl, { method: "DELETE" })).status).toBe(204);
    expect(await s3Exists(artifact.bucket_location)).toBe(false);
    expect((await call(server, "DELETE", path)).status).toBe(204);
  });

  it("uploads in parts: POST ?uploads, part PUTs out of order, complete", async () => {
    const bytes = randomBytes(5000);
    const { artifact, details, path } = await createArtifact(server, "s3", bytes);
    expect(details.multipart).toBe(true);
    const started = await fetch(details.url, { method: "POST" });
    const xml = await started.text();
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(xml)?.[1];
    expect(uploadId).toBeTruthy();
    const plan = await partUrls(details, bytes.length, uploadId ?? null);
    expect(plan.parts.map((part) => part.end_byte - part.start_byte + 1)).toEqual([
      2000, 2000, 1000,
    ]);
    const etags = new Map<number, string>();
    for (const part of [...plan.parts].reverse()) {
      const reply = await fetch(part.url, {
        method: "PUT",
        body: bytes.subarray(part.start_byte, part.end_byte + 1),
      });
      expect(reply.status).toBe(200);
      etags.set(part.part_number, reply.headers.get("etag") ?? "");
    }
    const completeBody = `<CompleteMultipartUpload>${plan.parts
      .map(
        (part) =>
          `<Part><PartNumber>${part.part_number}</PartNumber><ETag>${etags.get(part.part_number)}</ETag></Part>`,
      )
      .join("")}</CompleteMultipartUpload>`;
    const completed = await fetch(plan.complete_url, { method: "POST", body: completeBody });
    expect(completed.status).toBe(200);
    expect(await completed.text()).not.toContain("<Error>");
    await call(server, "PATCH", path, { body: { status: "uploaded" } });
    expect(sha256(await readS3(artifact.bucket_location))).toBe(artifact.file_hash);
    expect(await downloadHash(path)).toBe(artifact.file_hash);
  });

  it("refuses a tampered URL and an expired one", async () => {
    const bytes = randomBytes(100);
    const { details } = await createArtifact(server, "s3", bytes);
    const tampered = new URL(details.url);
    tampered.pathname = tampered.pathname.replace("model.fnnx", "other.fnnx");
    expect((await fetch(tampered, { method: "PUT", body: bytes })).status).toBe(403);

    const expiring = await createArtifact(shortLived, "s3", bytes);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await fetch(expiring.details.url, { method: "PUT", body: bytes })).status).toBe(403);
  });
});

describe("Azure uploads through SAS URLs", () => {
  it("uploads a simple PUT, reads it back and deletes it", async () => {
    const bytes = randomBytes(3000);
    const { artifact, details, path } = await createArtifact(server, "azure", bytes);
    const put = await fetch(details.url, {
      method: "PUT",
      body: bytes,
      headers: { "x-ms-blob-type": "BlockBlob" },
    });
    expect(put.status).toBe(201);
    expect(sha256(await readAzure(artifact.bucket_location))).toBe(artifact.file_hash);
    expect(await downloadHash(path)).toBe(artifact.file_hash);
    const deleteUrl = (await call(server, "GET", `${path}/delete-url`)).body.url;
    expect((await fetch(deleteUrl, { method: "DELETE" })).status).toBe(202);
    expect((await call(server, "DELETE", path)).status).toBe(204);
  });

  it("uploads blocks and commits the block list", async () => {
    const bytes = randomBytes(5000);
    const { artifact, details, path } = await createArtifact(server, "azure", bytes);
    expect(details).toMatchObject({ multipart: true, url: null });
    const plan = await partUrls(details, bytes.length, null);
    await Promise.all(
      plan.parts.map(async (part) => {
        const reply = await fetch(part.url, {
          method: "PUT",
          body: bytes.subarray(part.start_byte, part.end_byte + 1),
        });
        expect(reply.status).toBe(201);
      }),
    );
    const ids = plan.parts.map((part) => new URL(part.url).searchParams.get("blockid"));
    const blockList = `<?xml version="1.0" encoding="utf-8"?><BlockList>${ids.map((id) => `<Latest>${id}</Latest>`).join("")}</BlockList>`;
    const committed = await fetch(plan.complete_url, {
      method: "PUT",
      body: blockList,
      headers: { "content-type": "application/xml" },
    });
    expect(committed.status).toBe(201);
    expect(sha256(await readAzure(artifact.bucket_location))).toBe(artifact.file_hash);
    expect(await downloadHash(path)).toBe(artifact.file_hash);
  });

  it("refuses a tampered SAS URL", async () => {
    const bytes = randomBytes(100);
    const { details } = await createArtifact(server, "azure", bytes);
    const tampered = new URL(details.url);
    tampered.searchParams.set("sig", Buffer.from("forged").toString("base64"));
    const reply = await fetch(tampered, {
      method: "PUT",
      body: bytes,
      headers: { "x-ms-blob-type": "BlockBlob" },
    });
    expect(reply.status).toBe(403);
  });
});
