import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/start-dev-server";
import type { DevServer } from "../src/types";
import { artifactsPath, call, modelBody, orbitPath } from "./helpers";

// Users search logs for these texts: they are the service's, word for word.

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

async function createArtifact(): Promise<string> {
  const created = await call(server, "POST", artifactsPath(server), { body: modelBody() });
  expect(created.status).toBe(200);
  return `${artifactsPath(server)}/${created.body.artifact.id}`;
}

describe("the service's error texts", () => {
  it("an unknown sort key: 400 Invalid sorting column", async () => {
    for (const key of ["F1", "extra_values"]) {
      const listed = await call(server, "GET", `${orbitPath(server)}/artifacts?sort_by=${key}`);
      expect(listed).toMatchObject({
        status: 400,
        body: { detail: `Invalid sorting column: ${key}` },
      });
    }
  });

  it("a refused status change names both statuses", async () => {
    const path = await createArtifact();
    await call(server, "PATCH", path, { body: { status: "uploaded" } });
    const refused = await call(server, "PATCH", path, { body: { status: "upload_failed" } });
    expect(refused).toMatchObject({
      status: 400,
      body: { detail: "Invalid status transition from uploaded to upload_failed" },
    });
  });

  it("a deletion confirmed too early names the current status", async () => {
    const path = await createArtifact();
    const refused = await call(server, "DELETE", path);
    expect(refused).toMatchObject({
      status: 400,
      body: {
        detail:
          "Artifact must be pending deletion, not pending_upload: request its delete-url first",
      },
    });
  });

  it("a file whose type cannot be told: Could not define artifact type, no trailing dot", async () => {
    const refused = await call(server, "POST", artifactsPath(server), {
      body: modelBody({ file_index: { "manifest.json": [512, 10] } }),
    });
    expect(refused).toMatchObject({
      status: 400,
      body: { detail: "Could not define artifact type" },
    });
  });
});
