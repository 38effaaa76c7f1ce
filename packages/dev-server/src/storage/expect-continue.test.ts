// Many clients (curl, the AWS and Azure SDKs) send a large PUT with
// `Expect: 100-continue` and wait for the 100 before the body; both storages
// must take such uploads, as S3 and Azure do.
import { createHash, randomBytes } from "node:crypto";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FaultEngine } from "../faults";
import { type StorageBackend, startStorage } from "./index";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const key = (name: string) => `orbit-1/collection-2/${randomBytes(16).toString("hex")}-${name}`;

let storage: StorageBackend;

beforeAll(async () => {
  storage = await startStorage({
    host: "127.0.0.1",
    corsOrigins: "*",
    faults: new FaultEngine(false),
    urlExpiresIn: 3600,
  });
}, 60_000);

afterAll(async () => {
  await storage?.stop();
});

/** A PUT that sends its body only after the server's `100 Continue`, as curl does. */
function putAfterContinue(url: string, body: Buffer, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; continued: boolean }>((resolve, reject) => {
    let continued = false;
    const outgoing = request(url, {
      method: "PUT",
      headers: { ...headers, "content-length": String(body.length), expect: "100-continue" },
    });
    outgoing.on("continue", () => {
      continued = true;
      outgoing.end(body);
    });
    outgoing.on("response", (reply) => {
      reply.resume();
      reply.on("end", () => resolve({ status: reply.statusCode ?? 0, continued }));
    });
    outgoing.on("error", reject);
    outgoing.setTimeout(15_000, () => outgoing.destroy(new Error("no reply within 15 s")));
  });
}

describe("Expect: 100-continue", () => {
  it.each([
    ["s3", 200, {}],
    ["azure", 201, { "x-ms-blob-type": "BlockBlob" }],
  ] as const)("%s takes the upload and stores the exact bytes", async (kind, status, headers) => {
    const objectKey = key("model.fnnx");
    const bytes = randomBytes(3 * 1024 * 1024);
    const put = await putAfterContinue(
      await storage.simpleUploadUrl(kind, objectKey),
      bytes,
      headers,
    );
    expect(put).toEqual({ status, continued: true });

    const get = await fetch(await storage.downloadUrl(kind, objectKey));
    expect(sha256(new Uint8Array(await get.arrayBuffer()))).toBe(sha256(bytes));
  });
});
