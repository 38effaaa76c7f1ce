import type { DevServer } from "@luml/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, type LumlClient, type UpdateArtifactBody } from "../src/index";
import { apiRequestsDuring } from "./support/api-requests-during";
import { artifactBody, seededClient, startServer } from "./support/dev-server";

let server: DevServer;
let luml: LumlClient;
beforeAll(async () => {
  server = await startServer();
  luml = await seededClient(server);
});
afterAll(() => server?.stop());

describe("file_name as an argument", () => {
  it("create refuses a bad one with an InvalidArgumentError naming file_name, before any request", async () => {
    let error: unknown;
    const requests = await apiRequestsDuring(server, async () => {
      error = await luml.artifacts
        .create(artifactBody({ file_name: "no-extension" }))
        .catch((caught) => caught);
    });
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe("file_name");
    expect((error as Error).message).toMatch(
      /^Invalid file_name: "no-extension" needs a name, a dot/,
    );
    expect(requests).toBe(0);
  });

  it("update refuses it (the service would ignore it) before any request", async () => {
    const { artifact } = await luml.artifacts.create(artifactBody({ name: "kept" }));
    let error: unknown;
    const requests = await apiRequestsDuring(server, async () => {
      const changes = { name: "renamed", file_name: "other.luml" } as unknown as UpdateArtifactBody;
      error = await luml.artifacts.update(artifact.id, changes).catch((caught) => caught);
    });
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe("file_name");
    expect((error as Error).message).toMatch(/cannot be changed.*change `name` instead/);
    expect(requests).toBe(0);
    const unchanged = await luml.artifacts.get(artifact.id);
    expect(unchanged).toMatchObject({ name: "kept", file_name: "model.luml" });
  });
});
