import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FaultEngine } from "../faults";
import { startStorage } from "./index";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const options = {
  host: "127.0.0.1",
  corsOrigins: "*" as const,
  faults: new FaultEngine(false),
  urlExpiresIn: 600,
};

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "luml-storage-test-"));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("dataDir", () => {
  it("keeps objects of both storages across a restart, under dataDir/s3 and dataDir/azure", async () => {
    // Spaces and parentheses are allowed in artifact file names and must survive signing and encoding.
    const objectKey = `orbit-1/collection-2/${randomBytes(16).toString("hex")}-my model (v2).fnnx`;
    const bytes = randomBytes(50_000);
    const first = await startStorage({ ...options, dataDir });
    try {
      expect(
        (await fetch(await first.simpleUploadUrl("s3", objectKey), { method: "PUT", body: bytes }))
          .status,
      ).toBe(200);
      const azurePut = await fetch(await first.simpleUploadUrl("azure", objectKey), {
        method: "PUT",
        body: bytes,
        headers: { "x-ms-blob-type": "BlockBlob" },
      });
      expect(azurePut.status).toBe(201);
    } finally {
      await first.stop();
    }
    expect((await readdir(dataDir)).sort()).toEqual(["azure", "s3"]);

    const second = await startStorage({ ...options, dataDir });
    try {
      for (const kind of ["s3", "azure"] as const) {
        const get = await fetch(await second.downloadUrl(kind, objectKey));
        expect(get.status).toBe(200);
        expect(sha256(new Uint8Array(await get.arrayBuffer()))).toBe(sha256(bytes));
      }
    } finally {
      await second.stop();
    }
  }, 90_000);

  it("without dataDir, removes its temporary folder on stop", async () => {
    // A private temp root, so folders of storages started elsewhere cannot interfere.
    const privateTmp = await mkdtemp(join(tmpdir(), "luml-storage-tmp-"));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
    try {
      const storage = await startStorage(options);
      expect(
        (await readdir(privateTmp)).filter((name) => name.startsWith("luml-s3-")),
      ).toHaveLength(1);
      await storage.stop();
      expect(await readdir(privateTmp)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      await rm(privateTmp, { recursive: true, force: true });
    }
  }, 60_000);

  it("refuses bad options and keys before starting anything", async () => {
    await expect(startStorage({ ...options, urlExpiresIn: 0 })).rejects.toThrow(RangeError);
    await expect(startStorage({ ...options, urlExpiresIn: 700_000 })).rejects.toThrow(
      /urlExpiresIn/,
    );
  });
});
