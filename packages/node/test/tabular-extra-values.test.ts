import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { LumlClient } from "../src/index";
import { buildTar } from "./build-archive";
import { seededClientOptions, useTestServer } from "./test-server";

const shared = useTestServer({}, "luml-tabular-");
let luml: LumlClient;

beforeAll(async () => {
  luml = await LumlClient.create(seededClientOptions(shared.server, "s3"));
}, 60_000);

const encoder = new TextEncoder();
const json = (value: unknown) => encoder.encode(JSON.stringify(value));

/** A tabular regression model in the model form, with every member a model needs. */
function tabularModel(meta: unknown[]): Uint8Array {
  const manifest = {
    variant: "pipeline",
    producer_name: "falcon.beastbyte.ai",
    producer_version: "0.8.0",
    producer_tags: [
      "falcon.beastbyte.ai::tabular_regression:v1",
      "dataforce.studio::tabular_regression:v1",
    ],
    inputs: [{ name: "age", content_type: "NDJSON", dtype: "Array[float32]", shape: ["batch", 1] }],
    outputs: [
      { name: "y_pred", content_type: "NDJSON", dtype: "Array[float32]", shape: ["batch", 1] },
    ],
    dynamic_attributes: [],
    env_vars: [],
  };
  return buildTar([
    { name: "manifest.json", data: json(manifest) },
    { name: "meta.json", data: json(meta) },
    { name: "dtypes.json", data: json({}) },
    { name: "env.json", data: json({}) },
    { name: "ops.json", data: json([]) },
    { name: "variant_config.json", data: json({}) },
  ]);
}

const tabularReport = (performance: unknown) => ({
  producer_tags: ["falcon.beastbyte.ai::tabular_regression_metrics:v1"],
  payload: { metrics: { performance } },
});
const registryMetrics = {
  producer_tags: ["dataforce.studio::registry_metrics:v1"],
  payload: { metrics: { F1: 0.5 } },
};

describe("extra_values of a tabular model, as the official client computes them", () => {
  it("takes a tabular report's metrics even when only N_SAMPLES is left (an empty set)", async () => {
    const path = join(shared.folder, "samples-only.fnnx");
    await writeFile(
      path,
      tabularModel([tabularReport({ eval_holdout: { N_SAMPLES: 12 } }), registryMetrics]),
    );
    const artifact = await luml.artifacts.upload(path);
    expect(artifact.type).toBe("model");
    expect(artifact.extra_values).toEqual({});
  });

  it("falls back to registry metrics when the tabular report has no performance object", async () => {
    const path = join(shared.folder, "no-performance.fnnx");
    await writeFile(path, tabularModel([tabularReport(undefined), registryMetrics]));
    expect((await luml.artifacts.upload(path)).extra_values).toEqual({ F1: 0.5 });
  });
});
