import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSampleModel, makeSampleModels, type SampleModel } from "./make-sample-model.ts";

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "luml-sample-model-"));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("makeSampleModel", () => {
  let model: SampleModel;

  beforeAll(async () => {
    model = await makeSampleModel(folder, {
      name: "unit-model",
      metrics: { accuracy: 0.9, F1: 0.8, N_SAMPLES: 10 },
      weightsSize: 1_000_003,
    });
  });

  it("writes a tar archive that GNU tar lists with every model member", () => {
    const listing = execFileSync("tar", ["-tvf", model.path], { encoding: "utf8" });
    const members = listing
      .trim()
      .split("\n")
      .map((line) => {
        const parts = line.trim().split(/\s+/);
        return { size: Number(parts[2]), path: parts.at(-1) };
      });
    expect(members.map((member) => member.path)).toEqual([
      "manifest.json",
      "meta.json",
      "dtypes.json",
      "env.json",
      "ops.json",
      "variant_config.json",
      "ops_artifacts/onnx_main/model.onnx",
    ]);
    expect(members.at(-1)?.size).toBe(1_000_003);
  });

  it("reports the real size and sha256 of the file", async () => {
    const bytes = await readFile(model.path);
    expect(model.size).toBe(bytes.length);
    expect(model.size % 10240).toBe(0);
    expect(model.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("stores the manifest and the holdout metrics as JSON members", () => {
    const read = (member: string) =>
      JSON.parse(execFileSync("tar", ["-xOf", model.path, member], { encoding: "utf8" }));
    const manifest = read("manifest.json");
    expect(manifest.producer_tags).toContain("dataforce.studio::tabular_classification:v1");
    const [metrics] = read("meta.json");
    expect(metrics.producer_tags).toEqual([
      "falcon.beastbyte.ai::tabular_classification_metrics:v1",
    ]);
    expect(metrics.payload.metrics.performance.eval_holdout).toEqual({
      accuracy: 0.9,
      F1: 0.8,
      N_SAMPLES: 10,
    });
  });
});

describe("makeSampleModels", () => {
  it("builds variants with distinct metrics and contents", async () => {
    const models = await makeSampleModels(join(folder, "set"), { weightsSize: 4096 });
    expect(models.map((model) => model.name)).toEqual([
      "churn-baseline",
      "churn-tuned",
      "churn-boosted",
    ]);
    expect(new Set(models.map((model) => model.metrics.accuracy)).size).toBe(3);
    expect(new Set(models.map((model) => model.sha256)).size).toBe(3);
  });
});
