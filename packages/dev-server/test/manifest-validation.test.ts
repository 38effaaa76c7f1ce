import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/start-dev-server";
import type { DevServer } from "../src/types";
import { artifactsPath, call, lumlArtifactManifest, modelBody, modelManifest } from "./helpers";

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

function create(manifest: unknown, overrides: Record<string, unknown> = {}) {
  return call(server, "POST", artifactsPath(server), {
    body: modelBody({ manifest, ...overrides }),
  });
}

/** The `loc` of each issue, joined with dots. */
function locations(detail: Array<{ loc: Array<string | number> }>): string[] {
  return detail.map((issue) => issue.loc.join("."));
}

describe("the create body's manifest", () => {
  it("is refused with 422 when it is neither form, naming what each form misses", async () => {
    const refused = await create({ artifact_type: "dataset", payload: {} }, { file_index: {} });
    expect(refused.status).toBe(422);
    expect(locations(refused.body.detail)).toEqual(
      expect.arrayContaining([
        "body.manifest.LumlArtifactManifest.variant",
        "body.manifest.LumlArtifactManifest.producer_name",
        "body.manifest.LumlArtifactManifest.producer_version",
        "body.manifest.LumlArtifactManifest.producer_tags",
        "body.manifest.Manifest.inputs",
        "body.manifest.Manifest.env_vars",
      ]),
    );
    expect(refused.body.detail[0]).toMatchObject({ msg: "Field required", type: "missing" });
  });

  it.each([
    ["a list", []],
    ["a string", "manifest"],
    [
      "a producer_tags that is not a list of strings",
      lumlArtifactManifest("model", { producer_tags: [1] }),
    ],
    ["a payload that is not an object", lumlArtifactManifest("model", { payload: [] })],
    [
      "an NDJSON input whose dtype is not Array[…] or NDContainer[…]",
      modelManifest({
        inputs: [{ name: "x", content_type: "NDJSON", dtype: "float32", shape: [1] }],
      }),
    ],
    [
      "an input of another content type",
      modelManifest({ inputs: [{ name: "x", content_type: "CSV", dtype: "float32" }] }),
    ],
    ["an env var without a description", modelManifest({ env_vars: [{ name: "HOME" }] })],
  ])("is refused with 422 for %s", async (_label, manifest) => {
    const refused = await create(manifest);
    expect(refused.status).toBe(422);
    expect(locations(refused.body.detail).every((loc) => loc.startsWith("body.manifest"))).toBe(
      true,
    );
  });

  it("comes back normalised in the LUML-artifact form: unknown keys dropped, absent ones null", async () => {
    const created = await create(
      lumlArtifactManifest("dataset", {
        name: undefined,
        extra: "dropped",
        payload: { kept: [1] },
      }),
      { file_index: {} },
    );
    expect(created.status).toBe(200);
    expect(created.body.artifact.type).toBe("dataset");
    expect(Object.entries(created.body.artifact.manifest)).toEqual([
      ["artifact_type", "dataset"],
      ["variant", "dataset_v1"],
      ["name", null],
      ["description", null],
      ["version", null],
      ["producer_name", "luml-dev-server-tests"],
      ["producer_version", "0.0.0"],
      ["producer_tags", []],
      ["payload", { kept: [1] }],
    ]);
  });

  it("comes back normalised in the model form, inputs and outputs included", async () => {
    const created = await create(
      modelManifest({
        inputs: [
          { name: "x", content_type: "NDJSON", dtype: "NDContainer[x]", shape: [1], extra: 1 },
        ],
        outputs: [{ name: "y", content_type: "JSON", dtype: "string", shape: ["dropped"] }],
        env_vars: [{ name: "HOME", description: "home", tags: ["a"] }],
        artifact_type: 7,
      }),
    );
    expect(created.status).toBe(200);
    expect(created.body.artifact.type).toBe("model");
    const details = await call(
      server,
      "GET",
      `${artifactsPath(server)}/${created.body.artifact.id}`,
    );
    expect(details.body.manifest).toEqual({
      ...modelManifest(),
      inputs: [
        { name: "x", content_type: "NDJSON", dtype: "NDContainer[x]", tags: null, shape: [1] },
      ],
      outputs: [{ name: "y", content_type: "JSON", dtype: "string", tags: null }],
      env_vars: [{ name: "HOME", description: "home", tags: ["a"] }],
    });
  });
});
