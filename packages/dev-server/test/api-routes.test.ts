import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/start-dev-server";
import type { DevServer } from "../src/types";
import { artifactsPath, call, lumlArtifactManifest, modelBody, orbitPath } from "./helpers";

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ multipartThreshold: 1000 });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const ZERO_UUID = "00000000-0000-7000-8000-000000000000";

describe("authentication", () => {
  it("validates a key with 204", async () => {
    expect((await call(server, "GET", "/v1/auth/api-keys/validate")).status).toBe(204);
  });

  it("answers 401 without, with a malformed and with an unknown key, never echoing it", async () => {
    const missing = await call(server, "GET", "/v1/users/me/organizations", { apiKey: null });
    expect(missing.status).toBe(401);
    expect(typeof missing.body.detail).toBe("string");
    const malformed = await call(server, "GET", "/v1/users/me/organizations", {
      apiKey: null,
      headers: { authorization: "Token dfs_secret_value" },
    });
    expect(malformed.status).toBe(401);
    expect(JSON.stringify(malformed.body)).not.toContain("dfs_secret_value");
    const unknown = await call(server, "GET", "/v1/auth/api-keys/validate", {
      apiKey: "dfs_unknown_key_123",
    });
    expect(unknown.status).toBe(401);
    expect(JSON.stringify(unknown.body)).not.toContain("dfs_unknown_key_123");
  });

  it("answers 403 to a valid key without rights on the organization", async () => {
    const response = await call(
      server,
      "GET",
      `/v1/organizations/${server.seeded.organization.id}/orbits`,
      {
        apiKey: server.seeded.noRightsApiKey,
      },
    );
    expect(response).toMatchObject({ status: 403, body: { detail: "Not enough rights" } });
    const artifacts = await call(server, "GET", `${orbitPath(server)}/artifacts`, {
      apiKey: server.seeded.noRightsApiKey,
    });
    expect(artifacts.status).toBe(403);
  });
});

describe("organizations, orbits and collections", () => {
  it("lists the user's organizations with roles", async () => {
    const response = await call(server, "GET", "/v1/users/me/organizations");
    expect(response.status).toBe(200);
    const names = response.body.map((organization: { name: string }) => organization.name);
    expect(names).toEqual(["Demo Org", "Research Lab"]);
    expect(response.body[0]).toMatchObject({
      id: server.seeded.organization.id,
      logo: null,
      role: "owner",
    });
  });

  it("lists the orbits of an organization, each with its bucket secret", async () => {
    const response = await call(
      server,
      "GET",
      `/v1/organizations/${server.seeded.organization.id}/orbits`,
    );
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(2);
    const s3 = response.body.find((orbit: { name: string }) => orbit.name === "S3 Orbit");
    expect(s3).toMatchObject({
      id: server.seeded.orbits.s3.id,
      organization_id: server.seeded.organization.id,
      bucket_secret_id: server.seeded.orbits.s3.bucket_secret_id,
      total_collections: 1,
    });
  });

  it("answers 404 for an unknown organization and an orbit of another organization", async () => {
    expect((await call(server, "GET", `/v1/organizations/${ZERO_UUID}/orbits`)).status).toBe(404);
    const otherOrgOrbit = `/v1/organizations/${server.seeded.otherOrganization.id}/orbits/${server.seeded.orbits.s3.id}/collections`;
    expect((await call(server, "GET", otherOrgOrbit)).status).toBe(404);
  });

  it("answers 422 FastAPI-style for a malformed UUID", async () => {
    const response = await call(server, "GET", "/v1/organizations/not-a-uuid/orbits");
    expect(response.status).toBe(422);
    expect(response.body.detail[0]).toMatchObject({
      loc: ["path", "organization_id"],
      type: "uuid_parsing",
    });
  });

  it("pages collections, searches by name or tag, and filters by type", async () => {
    const base = `${orbitPath(server)}/collections`;
    const page = await call(server, "GET", base);
    expect(page).toMatchObject({ status: 200, body: { cursor: null } });
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0]).toMatchObject({ name: "Models", type: "mixed", tags: ["demo"] });
    expect((await call(server, "GET", `${base}?search=MOD`)).body.items).toHaveLength(1);
    expect((await call(server, "GET", `${base}?search=DEM`)).body.items).toHaveLength(1);
    expect((await call(server, "GET", `${base}?search=nothing`)).body.items).toHaveLength(0);
    expect(
      (await call(server, "GET", `${base}?types=model&types=dataset`)).body.items,
    ).toHaveLength(0);
    expect((await call(server, "GET", `${base}?types=mixed`)).body.items).toHaveLength(1);
    expect((await call(server, "GET", `${base}?types=bogus`)).status).toBe(422);
    expect((await call(server, "GET", `${base}?limit=0`)).status).toBe(422);
    expect((await call(server, "GET", `${base}?limit=101`)).body.detail[0]).toMatchObject({
      loc: ["query", "limit"],
      type: "less_than_equal",
    });
    expect((await call(server, "GET", `${base}?order=up`)).status).toBe(422);
  });

  it("returns one collection with its artifacts' tags and metric keys", async () => {
    const created = await call(server, "POST", artifactsPath(server, "azure"), {
      body: modelBody({ tags: ["prod", "v1"], extra_values: { F1: 0.9, acc: 0.8 } }),
    });
    expect(created.status).toBe(200);
    const one = await call(
      server,
      "GET",
      `${orbitPath(server, "azure")}/collections/${server.seeded.collections.azure.id}`,
    );
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: server.seeded.collections.azure.id,
      total_artifacts: 1,
      artifacts_tags: ["prod", "v1"],
      artifacts_extra_values: ["F1", "acc"],
    });
    const wrongOrbit = await call(
      server,
      "GET",
      `${orbitPath(server, "s3")}/collections/${server.seeded.collections.azure.id}`,
    );
    expect(wrongOrbit.status).toBe(404);
  });
});

describe("creating artifacts", () => {
  it("creates a pending_upload record with S3 simple upload details", async () => {
    const response = await call(server, "POST", artifactsPath(server), {
      body: modelBody({ size: 1000 }),
    });
    expect(response.status).toBe(200);
    const { artifact, upload_details: details } = response.body;
    expect(artifact).toMatchObject({
      status: "pending_upload",
      type: "model",
      name: "model",
      size: 1000,
    });
    expect(artifact.unique_identifier).toMatch(/^[0-9a-f]{32}$/);
    expect(artifact.bucket_location).toBe(
      `orbit-${server.seeded.orbits.s3.id}/collection-${server.seeded.collections.s3.id}/${artifact.unique_identifier}-model.fnnx`,
    );
    expect(details).toMatchObject({
      type: "s3",
      multipart: false,
      bucket_location: artifact.bucket_location,
      bucket_secret_id: server.seeded.orbits.s3.bucket_secret_id,
    });
    expect(details.url).toContain("X-Amz-Signature=");
  });

  it("chooses multipart above the threshold: a presigned POST ?uploads on S3, no URL on Azure", async () => {
    const s3 = await call(server, "POST", artifactsPath(server), {
      body: modelBody({ size: 1001 }),
    });
    expect(s3.body.upload_details).toMatchObject({ type: "s3", multipart: true });
    expect(new URL(s3.body.upload_details.url).searchParams.has("uploads")).toBe(true);
    const azure = await call(server, "POST", artifactsPath(server, "azure"), {
      body: modelBody({ size: 1001 }),
    });
    expect(azure.body.upload_details).toMatchObject({ type: "azure", multipart: true, url: null });
    const azureSimple = await call(server, "POST", artifactsPath(server, "azure"), {
      body: modelBody(),
    });
    expect(azureSimple.body.upload_details.url).toContain("sig=");
  });

  it("derives the type from the manifest's artifact_type", async () => {
    const response = await call(server, "POST", artifactsPath(server), {
      body: modelBody({
        manifest: lumlArtifactManifest("dataset"),
        file_index: {},
        file_name: "d.luml",
      }),
    });
    expect(response.body.artifact.type).toBe("dataset");
  });

  it("refuses what the service refuses", async () => {
    const path = artifactsPath(server);
    const noType = await call(server, "POST", path, {
      body: modelBody({ file_index: { "manifest.json": [512, 1] } }),
    });
    expect(noType).toMatchObject({
      status: 400,
      body: { detail: "Could not define artifact type" },
    });
    const mismatch = await call(server, "POST", path, { body: modelBody({ type: "dataset" }) });
    expect(mismatch.status).toBe(400);
    const badName = await call(server, "POST", path, {
      body: modelBody({ file_name: "no extension" }),
    });
    expect(badName.status).toBe(422);
    expect(badName.body.detail[0]).toMatchObject({
      loc: ["body", "file_name"],
      type: "string_pattern_mismatch",
    });
    expect(
      (await call(server, "POST", path, { body: modelBody({ file_name: "a.b c" }) })).status,
    ).toBe(422);
    const tooBig = await call(server, "POST", path, {
      body: modelBody({ size: 5_497_558_138_881 }),
    });
    expect(tooBig.body.detail[0]).toMatchObject({ loc: ["body", "size"], type: "less_than_equal" });
    expect(
      (await call(server, "POST", path, { body: modelBody({ size: 5_497_558_138_880 }) })).status,
    ).toBe(200);
    const badEnum = await call(server, "POST", path, { body: modelBody({ type: "weights" }) });
    expect(badEnum.body.detail[0]).toMatchObject({ loc: ["body", "type"], type: "enum" });
    const missing = await call(server, "POST", path, { body: { file_name: "a.fnnx" } });
    expect(missing.status).toBe(422);
    expect(missing.body.detail.map((issue: { loc: string[] }) => issue.loc[1])).toEqual(
      expect.arrayContaining(["manifest", "file_hash", "file_index", "size"]),
    );
    expect((await call(server, "POST", path, { body: "{not json" })).status).toBe(422);
  });
});

describe("artifact lifecycle", () => {
  async function create(overrides: Record<string, unknown> = {}) {
    const response = await call(server, "POST", artifactsPath(server), {
      body: modelBody(overrides),
    });
    expect(response.status).toBe(200);
    return `${artifactsPath(server)}/${response.body.artifact.id}`;
  }

  it("returns details with the collection, deployments and tracks; 404 from another collection", async () => {
    const path = await create();
    const details = await call(server, "GET", path);
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({
      deployments: [],
      tracks: [],
      collection: { id: server.seeded.collections.s3.id },
    });
    const id = path.split("/").pop();
    expect((await call(server, "GET", `${artifactsPath(server, "azure")}/${id}`)).status).toBe(404);
    const otherCollection = `${orbitPath(server)}/collections/${server.seeded.collections.azure.id}/artifacts/${id}`;
    expect((await call(server, "GET", otherCollection)).status).toBe(404);
  });

  it("patches name, description and tags", async () => {
    const path = await create();
    const patched = await call(server, "PATCH", path, {
      body: { name: "renamed", description: "d", tags: ["x"] },
    });
    expect(patched).toMatchObject({
      status: 200,
      body: { name: "renamed", description: "d", tags: ["x"] },
    });
    expect(patched.body.updated_at).toMatch(/Z$/);
    expect((await call(server, "PATCH", path, { body: { tags: "x" } })).status).toBe(422);
  });

  it("enforces the status machine", async () => {
    const path = await create();
    const invalid = await call(server, "PATCH", path, { body: { status: "deletion_failed" } });
    expect(invalid).toMatchObject({
      status: 400,
      body: { detail: "Invalid status transition from pending_upload to deletion_failed" },
    });
    expect(
      (await call(server, "PATCH", path, { body: { status: "pending_deletion" } })).status,
    ).toBe(422);
    expect((await call(server, "PATCH", path, { body: { status: "uploaded" } })).body.status).toBe(
      "uploaded",
    );
    expect((await call(server, "PATCH", path, { body: { status: "uploaded" } })).status).toBe(400);
    expect((await call(server, "PATCH", path, { body: { status: "upload_failed" } })).status).toBe(
      400,
    );

    const failed = await create();
    expect(
      (await call(server, "PATCH", failed, { body: { status: "upload_failed" } })).body.status,
    ).toBe("upload_failed");
    expect((await call(server, "PATCH", failed, { body: { status: "uploaded" } })).status).toBe(
      400,
    );
  });

  it("deletes only after delete-url, which moves it to pending_deletion", async () => {
    const path = await create();
    expect((await call(server, "DELETE", path)).status).toBe(400);
    const url = await call(server, "GET", `${path}/delete-url`);
    expect(url.status).toBe(200);
    expect(url.body.url).toContain("X-Amz-Signature=");
    expect((await call(server, "GET", path)).body.status).toBe("pending_deletion");
    expect(
      (await call(server, "PATCH", path, { body: { status: "deletion_failed" } })).body.status,
    ).toBe("deletion_failed");
    expect((await call(server, "DELETE", path)).status).toBe(400);
    await call(server, "GET", `${path}/delete-url`);
    expect((await call(server, "DELETE", path)).status).toBe(204);
    expect((await call(server, "GET", path)).status).toBe(404);
  });

  it("refuses delete-url with 409 while a deployment or a track uses the artifact", async () => {
    for (const kind of ["deployments", "tracks"]) {
      const path = await create();
      const id = path.split("/").pop();
      const used = await call(server, "POST", `/_dev/artifacts/${id}/${kind}`, {
        body: { name: "serving" },
      });
      expect(used.status).toBe(201);
      expect((await call(server, "GET", `${path}/delete-url`)).status).toBe(409);
      expect((await call(server, "GET", path)).body.status).toBe("pending_upload");
      const details = await call(server, "GET", path);
      expect(details.body[kind]).toHaveLength(1);
      expect((await call(server, "DELETE", `${path}/force`)).status).toBe(204);
    }
  });

  it("force-deletes whatever the status and gives download URLs", async () => {
    const path = await create();
    const download = await call(server, "GET", `${path}/download-url`);
    expect(download.status).toBe(200);
    expect(download.body.url).toContain("X-Amz-Signature=");
    expect((await call(server, "DELETE", `${path}/force`)).status).toBe(204);
    expect((await call(server, "DELETE", `${path}/force`)).status).toBe(404);
  });
});

describe("multipart route", () => {
  it("splits S3 uploads into inclusive byte ranges with part URLs and a complete URL", async () => {
    const created = await call(server, "POST", artifactsPath(server), {
      body: modelBody({ size: 70 * 1024 * 1024 }),
    });
    const details = created.body.upload_details;
    const response = await call(server, "POST", "/v1/bucket-secrets/upload/multipart", {
      body: {
        bucket_id: details.bucket_secret_id,
        bucket_location: details.bucket_location,
        size: 70 * 1024 * 1024,
        upload_id: "abc",
      },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ type: "s3", upload_id: "abc" });
    const mib = 1024 * 1024;
    expect(
      response.body.parts.map((part: Record<string, number>) => [
        part.part_number,
        part.start_byte,
        part.end_byte,
        part.part_size,
      ]),
    ).toEqual([
      [1, 0, 32 * mib - 1, 32 * mib],
      [2, 32 * mib, 64 * mib - 1, 32 * mib],
      [3, 64 * mib, 70 * mib - 1, 6 * mib],
    ]);
    expect(new URL(response.body.complete_url).searchParams.get("uploadId")).toBe("abc");
  });

  it("names Azure blocks base64('block-%08d') and refuses bad requests", async () => {
    const created = await call(server, "POST", artifactsPath(server, "azure"), {
      body: modelBody({ size: 5000 }),
    });
    const details = created.body.upload_details;
    const body = {
      bucket_id: details.bucket_secret_id,
      bucket_location: details.bucket_location,
      size: 5000,
      upload_id: null,
    };
    const response = await call(server, "POST", "/v1/bucket-secrets/upload/multipart", { body });
    expect(response.status).toBe(200);
    expect(response.body.type).toBe("azure");
    const blockId = new URL(response.body.parts[0].url).searchParams.get("blockid");
    expect(Buffer.from(blockId ?? "", "base64").toString()).toBe("block-00000001");
    expect(new URL(response.body.complete_url).searchParams.get("comp")).toBe("blocklist");

    const route = "/v1/bucket-secrets/upload/multipart";
    expect(
      (await call(server, "POST", route, { body: { ...body, bucket_id: "nope" } })).status,
    ).toBe(422);
    expect(
      (await call(server, "POST", route, { body: { ...body, bucket_id: ZERO_UUID } })).status,
    ).toBe(404);
    expect(
      (await call(server, "POST", route, { body, apiKey: server.seeded.noRightsApiKey })).status,
    ).toBe(403);
    const s3 = await call(server, "POST", artifactsPath(server), {
      body: modelBody({ size: 5000 }),
    });
    const noUploadId = await call(server, "POST", route, {
      body: {
        bucket_id: s3.body.upload_details.bucket_secret_id,
        bucket_location: s3.body.upload_details.bucket_location,
        size: 5000,
        upload_id: null,
      },
    });
    expect(noUploadId.status).toBe(400);
  });
});
