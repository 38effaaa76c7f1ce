import type { DevServer } from "@luml/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LumlClient, MultipleResourcesFoundError } from "../src/index";
import { artifactBody, seededClient, startServer } from "./support/dev-server";

let server: DevServer;
let luml: LumlClient;
beforeAll(async () => {
  server = await startServer();
  luml = await seededClient(server);
});
afterAll(() => server?.stop());

describe("artifacts.get by name or file name, as the official client matches", () => {
  it("counts an artifact named like a file and those stored under that file name alike", async () => {
    const named = await luml.artifacts.create(
      artifactBody({ file_name: "model.fnnx", name: "model.fnnx" }),
    );
    const others = await Promise.all(
      ["first", "second"].map((name) =>
        luml.artifacts.create(artifactBody({ file_name: "model.fnnx", name })),
      ),
    );
    const error = await luml.artifacts.get("model.fnnx").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MultipleResourcesFoundError);
    expect((error as MultipleResourcesFoundError).ids.sort()).toEqual(
      [named, ...others].map((created) => created.artifact.id).sort(),
    );
    expect((error as Error).message).toContain('3 artifacts matching "model.fnnx"');
  });

  it("finds the one artifact whose file name alone matches", async () => {
    const { artifact } = await luml.artifacts.create(
      artifactBody({ file_name: "weights-v7.luml", name: "production" }),
    );
    expect((await luml.artifacts.get("weights-v7.luml"))?.id).toBe(artifact.id);
    expect((await luml.artifacts.get("production"))?.id).toBe(artifact.id);
    expect(await luml.artifacts.get("weights-v7")).toBeNull();
  });
});
