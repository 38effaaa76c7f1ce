import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LumlClient } from "../src/index";
import { buildModelArchive } from "./build-archive";
import { seededClientOptions, startTestServer, type TestServer } from "./test-server";

let server: TestServer;
let folder: string;
let luml: LumlClient;

beforeAll(async () => {
  server = await startTestServer({});
  folder = await mkdtemp(join(tmpdir(), "luml-default-name-"));
  luml = await LumlClient.create(seededClientOptions(server, "s3"));
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe("an upload without a name", () => {
  it("names an artifact after its file name, extension included", async () => {
    const path = join(folder, "exp.luml");
    await writeFile(path, buildModelArchive(1024));
    const artifact = await luml.artifacts.upload(path);
    expect(artifact.name).toBe("exp.luml");
    expect((await luml.artifacts.get(artifact.id))?.name).toBe("exp.luml");
    const named = await luml.artifacts.upload(path, { name: "chosen" });
    expect(named.name).toBe("chosen");
  });
});
