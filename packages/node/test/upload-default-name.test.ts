import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { LumlClient } from "../src/index";
import { buildModelArchive } from "./build-archive";
import { seededClientOptions, useTestServer } from "./test-server";

const shared = useTestServer({}, "luml-default-name-");
let luml: LumlClient;

beforeAll(async () => {
  luml = await LumlClient.create(seededClientOptions(shared.server, "s3"));
}, 60_000);

describe("an upload without a name", () => {
  it("names an artifact after its file name, extension included", async () => {
    const path = join(shared.folder, "exp.luml");
    await writeFile(path, buildModelArchive(1024));
    const artifact = await luml.artifacts.upload(path);
    expect(artifact.name).toBe("exp.luml");
    expect((await luml.artifacts.get(artifact.id))?.name).toBe("exp.luml");
    const named = await luml.artifacts.upload(path, { name: "chosen" });
    expect(named.name).toBe("chosen");
  });
});
