import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/start-dev-server";
import { AzureSasSigner, S3Presigner } from "../src/storage/presign";
import type { DevServer } from "../src/types";
import { artifactsPath, call, modelBody } from "./helpers";
import { rawPathOf, rawRequest } from "./raw-request";

/**
 * The data folder is `outer/data`; S3 objects live in `outer/data/storage/s3/<bucket>`,
 * so five `..` segments after a first folder land a key right in `outer`.
 */
const UP_TO_OUTER = `a/${"../".repeat(5)}`;
const tag = randomBytes(6).toString("hex");
const escapedName = (label: string) => `escaped-${tag}-${label}.fnnx`;

let outer: string;
let server: DevServer;
let s3: S3Presigner;
let azure: AzureSasSigner;

beforeAll(async () => {
  outer = await mkdtemp(join(tmpdir(), "luml-keys-"));
  // A file just outside the data folder, shaped like an s3rver object, that a copy must not reach.
  await writeFile(join(outer, "secret.txt._S3rver_object"), "not for the bucket");
  server = await startDevServer({ dataDir: join(outer, "data") });
  s3 = new S3Presigner(server.storage.s3, 600);
  azure = new AzureSasSigner(server.storage.azure, 600);
}, 60_000);

afterAll(async () => {
  s3?.destroy();
  await server?.stop();
  await rm(outer, { recursive: true, force: true });
});

/** Every file name under `folder`, recursively. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true });
  return entries.map(String);
}

async function expectNothingEscaped(): Promise<void> {
  expect((await readdir(outer)).sort()).toEqual(["data", "secret.txt._S3rver_object"]);
  const outside = (await readdir(dirname(outer))).filter((name) => name.includes(tag));
  expect(outside).toEqual([]);
  const inside = (await filesUnder(outer)).filter((name) => name.includes(tag));
  expect(inside).toEqual([]);
}

describe("S3 proxy object keys", () => {
  it("refuses a signed PUT whose path has .. segments, with S3's 400 XML", async () => {
    const url = await s3.putObject(`${UP_TO_OUTER}${escapedName("s3-dots")}`);
    expect(rawPathOf(url)).toContain("/../");
    const reply = await rawRequest(url, {
      method: "PUT",
      path: rawPathOf(url),
      body: randomBytes(100),
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain("<Code>InvalidArgument</Code>");
    await expectNothingEscaped();
  });

  it("refuses percent-encoded dot segments and encoded slashes too", async () => {
    const url = await s3.putObject(`${UP_TO_OUTER}${escapedName("s3-encoded")}`);
    const encodedDots = rawPathOf(url).replace(/\/\.\.(?=\/)/g, "/%2E%2E");
    const encodedSlashes = rawPathOf(url).replace(
      /\/a\/(\.\.\/)+/,
      "/a%2F..%2F..%2F..%2F..%2F..%2F",
    );
    for (const path of [encodedDots, encodedSlashes]) {
      const reply = await rawRequest(url, { method: "PUT", path, body: randomBytes(100) });
      expect(reply.status, path).toBe(400);
      expect(reply.body).toContain("<Code>InvalidArgument</Code>");
    }
    await expectNothingEscaped();
  });

  it("refuses a multipart upload created for such a key", async () => {
    const url = await s3.createMultipartUpload(`${UP_TO_OUTER}${escapedName("s3-multipart")}`);
    const reply = await rawRequest(url, { method: "POST", path: rawPathOf(url) });
    expect(reply.status).toBe(400);
    await expectNothingEscaped();
  });

  it("refuses a copy whose source climbs out of the bucket", async () => {
    const key = `orbit-1/collection-2/${escapedName("copy-target")}`;
    const url = await s3.putObject(key);
    const reply = await rawRequest(url, {
      method: "PUT",
      path: rawPathOf(url),
      headers: { "x-amz-copy-source": `/luml-dev/${UP_TO_OUTER}secret.txt` },
    });
    expect(reply.status).toBe(400);
    const get = await fetch(await s3.getObject(key));
    expect(get.status).toBe(404);
  });

  it("keeps s3rver itself from writing outside its folder, even when reached directly", async () => {
    const path = `/luml-dev/${UP_TO_OUTER}${escapedName("backend")}`;
    const reply = await rawRequest(server.storage.s3.backendEndpoint, {
      method: "PUT",
      path,
      body: randomBytes(100),
    });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    await expectNothingEscaped();
  });
});

describe("Azure proxy blob names", () => {
  it("refuses a SAS PUT whose path has .. segments, raw or percent-encoded, with 400", async () => {
    const url = azure.blobUrl(`${UP_TO_OUTER}${escapedName("azure")}`, "cw");
    expect(rawPathOf(url)).toContain("/../");
    for (const path of [rawPathOf(url), rawPathOf(url).replace(/\/\.\.(?=\/)/g, "/%2e%2e")]) {
      const reply = await rawRequest(url, {
        method: "PUT",
        path,
        headers: { "x-ms-blob-type": "BlockBlob" },
        body: randomBytes(100),
      });
      expect(reply.status, path).toBe(400);
      expect(reply.headers["x-ms-error-code"]).toBe("InvalidResourceName");
    }
    await expectNothingEscaped();
  });
});

describe("create route file_name", () => {
  it.each([
    ["a path that climbs", "x/../../evil.fnnx"],
    ["a folder", "folder/model.fnnx"],
    ["a control character", "mo\u0001del.fnnx"],
    ["a DEL character", "mo\u007fdel.fnnx"],
    ["a newline", "model\n.fnnx"],
  ])("refuses %s with 422", async (_label, fileName) => {
    const response = await call(server, "POST", artifactsPath(server), {
      body: modelBody({ file_name: fileName }),
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toEqual([expect.objectContaining({ loc: ["body", "file_name"] })]);
  });

  it("still accepts names with spaces, dots and parentheses", async () => {
    const response = await call(server, "POST", artifactsPath(server), {
      body: modelBody({ file_name: "my model (v2).final.fnnx" }),
    });
    expect(response.status).toBe(200);
  });
});
