import type { DevServer } from "@luml/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, type LumlClient } from "../src/index";
import { artifactBody, seededClient, startServer } from "./support/dev-server";

let server: DevServer;
let luml: LumlClient;
beforeAll(async () => {
  server = await startServer({ maxArtifactsPerOrganization: 1 });
  luml = await seededClient(server, "s3", { maxRetries: 0 });
});
afterAll(() => server?.stop());

describe("an organization at its artifact limit", () => {
  it("refuses the next record with a ConflictError carrying the service's text", async () => {
    await luml.artifacts.create(artifactBody());
    const error = await luml.artifacts.create(artifactBody()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe("409 Organization reached maximum number of artifacts");
  });
});
