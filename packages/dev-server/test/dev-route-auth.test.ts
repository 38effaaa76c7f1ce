import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/start-dev-server";
import type { DevServer } from "../src/types";
import { artifactsPath, call, modelBody } from "./helpers";

let server: DevServer;
let artifactId: string;
beforeAll(async () => {
  server = await startDevServer({ faults: true });
  const created = await call(server, "POST", artifactsPath(server), { body: modelBody() });
  artifactId = created.body.artifact.id;
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe.each(["deployments", "tracks"])("POST /_dev/artifacts/{id}/%s", (kind) => {
  const path = () => `/_dev/artifacts/${artifactId}/${kind}`;

  it("answers 401 without a key or with an unknown one, and marks nothing", async () => {
    expect((await call(server, "POST", path(), { apiKey: null, body: {} })).status).toBe(401);
    expect((await call(server, "POST", path(), { apiKey: "dfs_unknown", body: {} })).status).toBe(
      401,
    );
    const details = await call(server, "GET", `${artifactsPath(server)}/${artifactId}`);
    expect(details.body[kind]).toEqual([]);
  });

  it("answers 403 to a key whose user is not in the artifact's organization", async () => {
    const response = await call(server, "POST", path(), {
      apiKey: server.seeded.noRightsApiKey,
      body: {},
    });
    expect(response).toMatchObject({ status: 403, body: { detail: "Not enough rights" } });
  });

  it("answers 404 for an unknown artifact and 201 for a member's key", async () => {
    const unknown = "00000000-0000-7000-8000-000000000000";
    expect(
      (await call(server, "POST", `/_dev/artifacts/${unknown}/${kind}`, { body: {} })).status,
    ).toBe(404);
    const response = await call(server, "POST", path(), { body: { name: "serving" } });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ artifact_id: artifactId, name: "serving" });
  });
});

describe("/_dev/faults", () => {
  it("stays usable without a key, so test code in any runtime can drive it", async () => {
    const added = await call(server, "POST", "/_dev/faults", {
      apiKey: null,
      body: { target: "api", path: "^/never", action: { status: 500 } },
    });
    expect(added.status).toBe(201);
    expect((await call(server, "GET", "/_dev/faults", { apiKey: null })).status).toBe(200);
    expect((await call(server, "DELETE", "/_dev/faults", { apiKey: null })).status).toBe(204);
  });
});
