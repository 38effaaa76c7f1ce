import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/start-dev-server";
import type { DevServer } from "../src/types";
import { artifactsPath, call, modelBody } from "./helpers";

const mebibyte = 1024 * 1024;

let server: DevServer;
let anyPartSize: DevServer;
beforeAll(async () => {
  // Multipart from 4 KiB: files under 1 MiB get 2,000-byte parts, larger ones 5 MiB parts.
  const options = {
    multipartThreshold: 4096,
    partSize: (size: number) => (size < mebibyte ? 2000 : 5 * mebibyte),
  };
  [server, anyPartSize] = await Promise.all([
    startDevServer(options),
    startDevServer({ ...options, s3MinPartSize: 0 }),
  ]);
}, 90_000);
afterAll(async () => {
  await Promise.all([server?.stop(), anyPartSize?.stop()]);
});

const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest();

/**
 * Creates an S3 artifact of `bytes`, sends every part and posts the complete
 * request; returns that reply, the parts' ETags and the object's download URL.
 */
async function uploadInParts(target: DevServer, bytes: Uint8Array) {
  const created = await call(target, "POST", artifactsPath(target, "s3"), {
    body: modelBody({ size: bytes.length }),
  });
  expect(created.body.upload_details.multipart).toBe(true);
  const details = created.body.upload_details;
  const started = await (await fetch(details.url, { method: "POST" })).text();
  const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(started)?.[1];
  const plan = await call(target, "POST", "/v1/bucket-secrets/upload/multipart", {
    body: {
      bucket_id: details.bucket_secret_id,
      bucket_location: details.bucket_location,
      size: bytes.length,
      upload_id: uploadId,
    },
  });
  const parts = plan.body.parts as Array<{
    part_number: number;
    url: string;
    start_byte: number;
    end_byte: number;
  }>;
  const etags: string[] = [];
  for (const part of parts) {
    const reply = await fetch(part.url, {
      method: "PUT",
      body: bytes.subarray(part.start_byte, part.end_byte + 1),
    });
    etags.push(reply.headers.get("etag") ?? "");
  }
  const completeBody = `<CompleteMultipartUpload>${etags
    .map((etag, index) => `<Part><PartNumber>${index + 1}</PartNumber><ETag>${etag}</ETag></Part>`)
    .join("")}</CompleteMultipartUpload>`;
  const complete = await fetch(plan.body.complete_url, { method: "POST", body: completeBody });
  const path = `${artifactsPath(target, "s3")}/${created.body.artifact.id}`;
  const downloadUrl = (await call(target, "GET", `${path}/download-url`)).body.url as string;
  return { complete, text: await complete.text(), etags, downloadUrl };
}

describe("S3 multipart uploads, as S3 does them", () => {
  it("refuses parts under 5 MiB but the last by default (EntityTooSmall at complete)", async () => {
    const { complete, text, etags } = await uploadInParts(server, randomBytes(5000));
    expect(etags).toHaveLength(3);
    expect(complete.status).toBe(400);
    expect(text).toContain("<Code>EntityTooSmall</Code>");
  });

  it("accepts them with s3MinPartSize: 0, for tests that need tiny parts", async () => {
    const { complete, text } = await uploadInParts(anyPartSize, randomBytes(5000));
    expect(complete.status).toBe(200);
    expect(text).not.toContain("<Error>");
  });

  it("answers the md5 of the parts' md5s and the part count as the object's ETag", async () => {
    const bytes = randomBytes(5 * mebibyte + 1000);
    const { complete, text, etags, downloadUrl } = await uploadInParts(server, bytes);
    expect(complete.status).toBe(200);
    expect(etags).toHaveLength(2);
    const partDigests = [bytes.subarray(0, 5 * mebibyte), bytes.subarray(5 * mebibyte)].map(md5);
    const expected = `"${createHash("md5").update(Buffer.concat(partDigests)).digest("hex")}-2"`;
    // Never the md5 of the whole object, which S3 gives only to objects sent in one PUT.
    expect(expected).not.toBe(`"${md5(bytes).toString("hex")}"`);
    expect(/<ETag>([^<]*)<\/ETag>/.exec(text)?.[1]?.replaceAll("&quot;", '"')).toBe(expected);
    const read = await fetch(downloadUrl);
    expect(read.headers.get("etag")).toBe(expected);
    expect(
      createHash("sha256")
        .update(new Uint8Array(await read.arrayBuffer()))
        .digest("hex"),
    ).toBe(createHash("sha256").update(bytes).digest("hex"));
  });
});
