import type { DevServer } from "@luml/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ArtifactManifest, InvalidArgumentError, type LumlClient } from "../src/index";
import { apiRequestsDuring } from "./support/api-requests-during";
import { artifactBody, lumlManifest, seededClient, startServer } from "./support/dev-server";

let server: DevServer;
let luml: LumlClient;
beforeAll(async () => {
  server = await startServer();
  luml = await seededClient(server);
});
afterAll(() => server?.stop());

/** Runs `create` with these overrides; returns its error and the API requests it made. */
async function refusedCreate(overrides: Parameters<typeof artifactBody>[0]) {
  let error: unknown;
  const requests = await apiRequestsDuring(server, async () => {
    error = await luml.artifacts.create(artifactBody(overrides)).catch((caught) => caught);
  });
  return { error: error as InvalidArgumentError, requests };
}

describe("artifacts.create checks the manifest before sending it", () => {
  it("counts requests (the checks below would notice one)", async () => {
    expect(await apiRequestsDuring(server, () => luml.artifacts.create(artifactBody()))).toBe(1);
  });

  it("refuses a manifest of neither form the service accepts, naming what is missing", async () => {
    const { error, requests } = await refusedCreate({
      manifest: { artifact_type: "dataset", payload: {} } as unknown as ArtifactManifest,
    });
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.argument).toBe("manifest");
    expect(error.message).toBe(
      "Invalid manifest: not the LUML-artifact form (artifact_type, variant, producer_name, producer_version, producer_tags, payload): variant is missing; producer_name is missing; producer_version is missing; producer_tags is missing",
    );
    expect(requests).toBe(0);
  });

  it("refuses a model-form manifest whose NDJSON input has a dtype the service refuses", async () => {
    const manifest: ArtifactManifest = {
      variant: "pipeline",
      producer_name: "p",
      producer_version: "1",
      producer_tags: [],
      inputs: [{ name: "x", content_type: "NDJSON", dtype: "float32", shape: ["batch", 1] }],
      outputs: [],
      dynamic_attributes: [],
      env_vars: [],
    };
    const { error, requests } = await refusedCreate({ manifest });
    expect(error.argument).toBe("manifest");
    expect(error.message).toContain("inputs.0.dtype: expected Array[…] or NDContainer[…]");
    expect(requests).toBe(0);
  });

  it("sends a good manifest, which the service stores normalised", async () => {
    const manifest = { ...lumlManifest("dataset"), producer_tags: ["a"], note: "dropped" };
    const { artifact } = await luml.artifacts.create(
      artifactBody({ manifest, file_name: "set.luml" }),
    );
    expect(artifact.type).toBe("dataset");
    expect(artifact.manifest).toEqual({
      ...lumlManifest("dataset"),
      producer_tags: ["a"],
      description: null,
    });
  });
});
