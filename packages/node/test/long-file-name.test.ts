import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LumlClient } from "../src/index";
import { buildModelArchive } from "./build-archive";
import { seededClientOptions, startTestServer, type TestServer } from "./test-server";

let server: TestServer;
let folder: string;

beforeAll(async () => {
  server = await startTestServer({});
  folder = await mkdtemp(join(tmpdir(), "luml-long-name-"));
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

// A file name near the 255 bytes a disk allows; S3 keys take 1,024.
const longName = `${"m".repeat(240)}.luml`;

describe.each(["s3", "azure"] as const)("%s: a file with a long name", (kind) => {
  it("uploads, and downloads verified", async () => {
    const luml = await LumlClient.create(seededClientOptions(server, kind));
    const bytes = buildModelArchive(4096);
    const path = join(folder, longName);
    await writeFile(path, bytes);
    const artifact = await luml.artifacts.upload(path);
    expect(artifact.status).toBe("uploaded");
    expect(artifact.file_name).toBe(longName);
    const saved = await luml.artifacts.download(artifact.id, { to: join(folder, `${kind}/`) });
    expect(Buffer.from(await readFile(saved.path)).equals(Buffer.from(bytes))).toBe(true);
  }, 60_000);
});
