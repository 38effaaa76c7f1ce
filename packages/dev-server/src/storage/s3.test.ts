import { createHash, randomBytes } from "node:crypto";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FaultEngine } from "../faults";
import { type StorageBackend, startStorage } from "./index";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const MiB = 1024 * 1024;

let storage: StorageBackend;
let s3: S3Client;
const key = (name: string) => `orbit-1/collection-2/${randomBytes(16).toString("hex")}-${name}`;

beforeAll(async () => {
  storage = await startStorage({
    host: "127.0.0.1",
    corsOrigins: "*",
    faults: new FaultEngine(false),
    urlExpiresIn: 3600,
    s3MinPartSize: 5 * MiB,
  });
  const info = storage.info.s3;
  s3 = new S3Client({
    endpoint: info.backendEndpoint,
    region: info.region,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}, 60_000);

afterAll(async () => {
  s3?.destroy();
  await storage?.stop();
});

async function readBack(objectKey: string): Promise<Uint8Array> {
  const object = await s3.send(
    new GetObjectCommand({ Bucket: storage.info.s3.bucket, Key: objectKey }),
  );
  return (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
}

async function createUpload(objectKey: string): Promise<string> {
  const created = await fetch(await storage.s3CreateMultipartUrl(objectKey), { method: "POST" });
  expect(created.status).toBe(200);
  const xml = await created.text();
  expect(xml).toContain("http://s3.amazonaws.com/doc/2006-03-01/");
  const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(xml)?.[1];
  expect(uploadId).toBeTruthy();
  return uploadId as string;
}

const completeBody = (parts: Array<[number, string]>) =>
  `<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts
    .map(([number, etag]) => `<Part><PartNumber>${number}</PartNumber><ETag>${etag}</ETag></Part>`)
    .join("")}</CompleteMultipartUpload>`;

describe("S3 simple upload", () => {
  it("stores the exact bytes, readable through the presigned GET and the S3 SDK", async () => {
    const objectKey = key("model.fnnx");
    const bytes = randomBytes(300_000);
    const put = await fetch(await storage.simpleUploadUrl("s3", objectKey), {
      method: "PUT",
      body: bytes,
    });
    expect(put.status).toBe(200);
    expect(put.headers.get("etag")).toBe(`"${createHash("md5").update(bytes).digest("hex")}"`);

    const get = await fetch(await storage.downloadUrl("s3", objectKey));
    expect(get.status).toBe(200);
    expect(sha256(new Uint8Array(await get.arrayBuffer()))).toBe(sha256(bytes));
    expect(sha256(await readBack(objectKey))).toBe(sha256(bytes));
  });

  it("answers a Range GET with 206 and the requested bytes", async () => {
    const objectKey = key("range.tar");
    const bytes = randomBytes(10_000);
    await fetch(await storage.simpleUploadUrl("s3", objectKey), { method: "PUT", body: bytes });
    const get = await fetch(await storage.downloadUrl("s3", objectKey), {
      headers: { Range: "bytes=100-199" },
    });
    expect(get.status).toBe(206);
    expect(get.headers.get("content-range")).toBe("bytes 100-199/10000");
    expect(Buffer.from(await get.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
  });

  it("refuses a PUT streamed without Content-Length (chunked) with 411, as S3 does", async () => {
    const objectKey = key("chunked.fnnx");
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(1024));
        controller.close();
      },
    });
    const put = await fetch(await storage.simpleUploadUrl("s3", objectKey), {
      method: "PUT",
      body,
      duplex: "half",
    } as RequestInit);
    expect(put.status).toBe(411);
    expect(await put.text()).toContain("<Code>MissingContentLength</Code>");
    expect((await fetch(await storage.downloadUrl("s3", objectKey))).status).toBe(404);
  });

  it("deletes with the presigned DELETE (204)", async () => {
    const objectKey = key("gone.fnnx");
    await fetch(await storage.simpleUploadUrl("s3", objectKey), { method: "PUT", body: "x" });
    const deleted = await fetch(await storage.deleteUrl("s3", objectKey), { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect((await fetch(await storage.downloadUrl("s3", objectKey))).status).toBe(404);
  });
});

describe("S3 signatures", () => {
  it("refuses a tampered signature with SignatureDoesNotMatch", async () => {
    const objectKey = key("model.fnnx");
    const url = new URL(await storage.simpleUploadUrl("s3", objectKey));
    const signature = url.searchParams.get("X-Amz-Signature") as string;
    url.searchParams.set(
      "X-Amz-Signature",
      `${signature[0] === "a" ? "b" : "a"}${signature.slice(1)}`,
    );
    const put = await fetch(url, { method: "PUT", body: "tampered" });
    expect(put.status).toBe(403);
    const body = await put.text();
    expect(body).toContain("<Code>SignatureDoesNotMatch</Code>");
    expect(body).not.toContain(storage.info.s3.secretAccessKey);
    expect((await fetch(await storage.downloadUrl("s3", objectKey))).status).toBe(404);
  });

  it("refuses a tampered key and a URL used with another method", async () => {
    const objectKey = key("model.fnnx");
    const url = await storage.simpleUploadUrl("s3", objectKey);
    expect(
      (await fetch(url.replace("model.fnnx", "other.fnnx"), { method: "PUT", body: "x" })).status,
    ).toBe(403);
    const get = await fetch(url, { method: "GET" });
    expect(get.status).toBe(403);
    expect(await get.text()).toContain("SignatureDoesNotMatch");
  });

  it("refuses an expired URL with AccessDenied", async () => {
    const info = storage.info.s3;
    const client = new S3Client({
      endpoint: info.endpoint,
      region: info.region,
      forcePathStyle: true,
      credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey },
    });
    const command = new PutObjectCommand({ Bucket: info.bucket, Key: key("late.fnnx") });
    const expired = await getSignedUrl(client, command, {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 120_000),
    });
    const fresh = await getSignedUrl(client, command, { expiresIn: 60 });
    client.destroy();
    const put = await fetch(expired, { method: "PUT", body: "x" });
    expect(put.status).toBe(403);
    expect(await put.text()).toMatch(/<Code>AccessDenied<\/Code><Message>Request has expired/);
    expect((await fetch(fresh, { method: "PUT", body: "x" })).status).toBe(200);
  });

  it("refuses an unsigned request", async () => {
    const response = await fetch(`${storage.info.s3.endpoint}/${storage.info.s3.bucket}/anything`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("<Code>AccessDenied</Code>");
  });

  it("puts the configured lifetime in the URL", async () => {
    expect(
      new URL(await storage.downloadUrl("s3", key("a.fnnx"))).searchParams.get("X-Amz-Expires"),
    ).toBe("3600");
  });
});

describe("S3 keys with a long file name", () => {
  // S3 takes keys of up to 1,024 bytes; a file name on disk, 255.
  const longNames = [`${"m".repeat(240)}.fnnx`, `${"é".repeat(120)}-${"m".repeat(30)}.fnnx`];

  it("stores, serves and deletes each object under its own long key", async () => {
    const objects = longNames.map((name) => ({ key: key(name), bytes: randomBytes(20_000) }));
    for (const { key: objectKey, bytes } of objects) {
      const put = await fetch(await storage.simpleUploadUrl("s3", objectKey), {
        method: "PUT",
        body: bytes,
      });
      expect(put.status).toBe(200);
    }
    for (const { key: objectKey, bytes } of objects) {
      const get = await fetch(await storage.downloadUrl("s3", objectKey));
      expect(get.status).toBe(200);
      expect(sha256(new Uint8Array(await get.arrayBuffer()))).toBe(sha256(bytes));
      expect(sha256(await readBack(objectKey))).toBe(sha256(bytes));
      const ranged = await fetch(await storage.downloadUrl("s3", objectKey), {
        headers: { Range: "bytes=10-19" },
      });
      expect(ranged.status).toBe(206);
      expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(10, 20))).toBe(true);
    }
    const [gone, kept] = objects as [(typeof objects)[0], (typeof objects)[0]];
    const deleted = await fetch(await storage.deleteUrl("s3", gone.key), { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect((await fetch(await storage.downloadUrl("s3", gone.key))).status).toBe(404);
    expect((await fetch(await storage.downloadUrl("s3", kept.key))).status).toBe(200);
  });

  it("completes a multipart upload to a long key", async () => {
    const objectKey = key(longNames[0] as string);
    const parts = [randomBytes(5 * MiB), randomBytes(1000)];
    const uploadId = await createUpload(objectKey);
    const urls = await storage.multipartUrls("s3", objectKey, uploadId, [1, 2]);
    const etags = await Promise.all(
      parts.map(async (part, index) => {
        const put = await fetch(urls.parts[index] as string, { method: "PUT", body: part });
        expect(put.status).toBe(200);
        return put.headers.get("etag") as string;
      }),
    );
    const complete = await fetch(urls.completeUrl, {
      method: "POST",
      body: completeBody(etags.map((etag, index) => [index + 1, etag])),
    });
    expect(complete.status).toBe(200);
    expect(await complete.text()).not.toContain("<Error>");
    const get = await fetch(await storage.downloadUrl("s3", objectKey));
    expect(sha256(new Uint8Array(await get.arrayBuffer()))).toBe(sha256(Buffer.concat(parts)));
  }, 60_000);
});

describe("S3 multipart upload", () => {
  it("assembles three parts uploaded out of order into the exact file", async () => {
    const objectKey = key("big.fnnx");
    const sizes = [5 * MiB, 5 * MiB + 123, 1_000_001];
    const parts = sizes.map((size) => randomBytes(size));
    const whole = Buffer.concat(parts);
    const uploadId = await createUpload(objectKey);
    const urls = await storage.multipartUrls("s3", objectKey, uploadId, [1, 2, 3]);
    const etags: string[] = [];
    await Promise.all(
      [2, 0, 1].map(async (index) => {
        const put = await fetch(urls.parts[index] as string, { method: "PUT", body: parts[index] });
        expect(put.status).toBe(200);
        etags[index] = put.headers.get("etag") as string;
        expect(etags[index]).toBe(
          `"${createHash("md5")
            .update(parts[index] as Buffer)
            .digest("hex")}"`,
        );
      }),
    );
    const complete = await fetch(urls.completeUrl, {
      method: "POST",
      body: completeBody(etags.map((etag, index) => [index + 1, etag])),
    });
    const reply = await complete.text();
    expect(complete.status).toBe(200);
    expect(reply).toContain("<CompleteMultipartUploadResult");
    expect(reply).not.toContain("<Error>");
    expect(sha256(await readBack(objectKey))).toBe(sha256(whole));
    const get = await fetch(await storage.downloadUrl("s3", objectKey));
    expect(sha256(new Uint8Array(await get.arrayBuffer()))).toBe(sha256(whole));
    // A range across parts and across the emulator's 1 MiB reads.
    const [start, end] = [MiB - 7, 5 * MiB + 9];
    const ranged = await fetch(await storage.downloadUrl("s3", objectKey), {
      headers: { Range: `bytes=${start}-${end}` },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe(`bytes ${start}-${end}/${whole.length}`);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(whole.subarray(start, end + 1))).toBe(
      true,
    );
  }, 60_000);

  it("refuses malformed completes with S3's errors, and still completes a correct one afterwards", async () => {
    const objectKey = key("parts.fnnx");
    const uploadId = await createUpload(objectKey);
    const parts = [randomBytes(5 * MiB), randomBytes(1000)];
    const urls = await storage.multipartUrls("s3", objectKey, uploadId, [1, 2]);
    const etags = await Promise.all(
      parts.map(
        async (part, index) =>
          (await fetch(urls.parts[index] as string, { method: "PUT", body: part })).headers.get(
            "etag",
          ) as string,
      ),
    );
    const [first, second] = etags as [string, string];
    const attempt = async (body: string) => {
      const response = await fetch(urls.completeUrl, { method: "POST", body });
      return { status: response.status, text: await response.text() };
    };
    expect(await attempt("this is not xml")).toMatchObject({
      status: 400,
      text: expect.stringContaining("<Code>MalformedXML</Code>"),
    });
    expect(await attempt("<CompleteMultipartUpload></CompleteMultipartUpload>")).toMatchObject({
      status: 400,
      text: expect.stringContaining("MalformedXML"),
    });
    expect(
      await attempt(
        completeBody([
          [2, second],
          [1, first],
        ]),
      ),
    ).toMatchObject({
      status: 400,
      text: expect.stringContaining("<Code>InvalidPartOrder</Code>"),
    });
    expect(
      await attempt(
        completeBody([
          [1, first],
          [2, second],
          [3, first],
        ]),
      ),
    ).toMatchObject({ status: 400, text: expect.stringContaining("<Code>InvalidPart</Code>") });
    expect(
      await attempt(
        completeBody([
          [1, first],
          [2, `"${"0".repeat(32)}"`],
        ]),
      ),
    ).toMatchObject({ status: 400, text: expect.stringContaining("<Code>InvalidPart</Code>") });
    expect(await attempt(completeBody([[2, second]]))).toMatchObject({ status: 200 });
    expect(sha256(await readBack(objectKey))).toBe(sha256(parts[1] as Buffer));
  }, 60_000);

  it("refuses a part smaller than the minimum unless it is the last", async () => {
    const objectKey = key("small.fnnx");
    const uploadId = await createUpload(objectKey);
    const urls = await storage.multipartUrls("s3", objectKey, uploadId, [1, 2]);
    const etags = await Promise.all(
      [randomBytes(100), randomBytes(100)].map(
        async (part, index) =>
          (await fetch(urls.parts[index] as string, { method: "PUT", body: part })).headers.get(
            "etag",
          ) as string,
      ),
    );
    const complete = await fetch(urls.completeUrl, {
      method: "POST",
      body: completeBody(etags.map((etag, index) => [index + 1, etag])),
    });
    expect(complete.status).toBe(400);
    expect(await complete.text()).toContain("<Code>EntityTooSmall</Code>");
  });

  it("answers 404 NoSuchUpload for parts and completes of an unknown upload", async () => {
    const objectKey = key("none.fnnx");
    const urls = await storage.multipartUrls("s3", objectKey, "0".repeat(32), [1]);
    const put = await fetch(urls.parts[0] as string, { method: "PUT", body: "x" });
    expect(put.status).toBe(404);
    expect(await put.text()).toContain("NoSuchUpload");
    const complete = await fetch(urls.completeUrl, {
      method: "POST",
      body: completeBody([[1, '"abc"']]),
    });
    expect(complete.status).toBe(404);
  });
});
