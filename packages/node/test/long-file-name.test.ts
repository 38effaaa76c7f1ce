import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LumlClient } from "../src/index";
import { buildModelArchive } from "./build-archive";
import { seededClientOptions, useTestServer } from "./test-server";

const shared = useTestServer({}, "luml-long-name-");

// A file name near the 255 bytes a disk allows; S3 keys take 1,024.
const longName = `${"m".repeat(240)}.luml`;

describe.each(["s3", "azure"] as const)("%s: a file with a long name", (kind) => {
  it("uploads, and downloads verified", async () => {
    const luml = await LumlClient.create(seededClientOptions(shared.server, kind));
    const bytes = buildModelArchive(4096);
    const path = join(shared.folder, longName);
    await writeFile(path, bytes);
    const artifact = await luml.artifacts.upload(path);
    expect(artifact.status).toBe("uploaded");
    expect(artifact.file_name).toBe(longName);
    const saved = await luml.artifacts.download(artifact.id, {
      to: join(shared.folder, `${kind}/`),
    });
    expect(Buffer.from(await readFile(saved.path)).equals(Buffer.from(bytes))).toBe(true);
  }, 60_000);
});
