/**
 * Builds sample `.fnnx` model files: real uncompressed tar archives with the members
 * LUML expects of a model (manifest, meta with metrics, dtypes, env, ops, variant
 * config) and a few MiB of random "weights", so uploads show real progress.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open } from "node:fs/promises";
import { join } from "node:path";
import { TAR_BLOCK_SIZE, tarHeader, tarPadding } from "./tar-header.ts";

/** Holdout metrics of a sample model; LUML turns them into the artifact's `extra_values`. */
export interface SampleMetrics {
  accuracy: number;
  F1: number;
  /** Not a metric: LUML leaves it out of `extra_values`. */
  N_SAMPLES: number;
}

/** What to build. */
export interface SampleModelOptions {
  /** The model name, also the file's base name (`churn-tuned` → `churn-tuned.fnnx`). */
  name: string;
  /** The holdout metrics written to `meta.json`. */
  metrics: SampleMetrics;
  /** Size of the random weights member in bytes; default 3 MiB. */
  weightsSize?: number;
}

/** A sample model written to disk. */
export interface SampleModel {
  name: string;
  /** Absolute or caller-relative path of the `.fnnx` file. */
  path: string;
  /** Its byte length. */
  size: number;
  /** Lower-case hex sha256 of the whole file. */
  sha256: string;
  metrics: SampleMetrics;
}

/** Three variants with different metrics, so sorting by a metric shows something. */
export const SAMPLE_MODEL_VARIANTS: readonly SampleModelOptions[] = [
  { name: "churn-baseline", metrics: { accuracy: 0.812, F1: 0.774, N_SAMPLES: 2000 } },
  { name: "churn-tuned", metrics: { accuracy: 0.887, F1: 0.861, N_SAMPLES: 2000 } },
  { name: "churn-boosted", metrics: { accuracy: 0.931, F1: 0.912, N_SAMPLES: 2000 } },
];

const WEIGHTS_PATH = "ops_artifacts/onnx_main/model.onnx";
const DEFAULT_WEIGHTS_SIZE = 3 * 1024 * 1024;
/** Python's tarfile pads archives to 20 blocks; tools accept either, this matches it. */
const RECORD_SIZE = 20 * TAR_BLOCK_SIZE;

/** Writes one sample model into `folder` and returns where it is and its hash. */
export async function makeSampleModel(
  folder: string,
  options: SampleModelOptions,
): Promise<SampleModel> {
  await mkdir(folder, { recursive: true });
  const path = join(folder, `${options.name}.fnnx`);
  const file = await open(path, "w");
  const hash = createHash("sha256");
  let size = 0;
  const write = async (bytes: Uint8Array) => {
    await file.write(bytes);
    hash.update(bytes);
    size += bytes.length;
  };
  try {
    for (const [memberPath, content] of Object.entries(jsonMembers(options))) {
      await writeMember(write, memberPath, new TextEncoder().encode(content));
    }
    await writeRandomMember(write, WEIGHTS_PATH, options.weightsSize ?? DEFAULT_WEIGHTS_SIZE);
    // Two zero blocks end the archive, then padding to a whole record.
    const end = 2 * TAR_BLOCK_SIZE;
    await write(new Uint8Array(end + ((RECORD_SIZE - ((size + end) % RECORD_SIZE)) % RECORD_SIZE)));
  } finally {
    await file.close();
  }
  return { name: options.name, path, size, sha256: hash.digest("hex"), metrics: options.metrics };
}

/** Writes every variant of `SAMPLE_MODEL_VARIANTS` into `folder`. */
export async function makeSampleModels(
  folder: string,
  options: { weightsSize?: number } = {},
): Promise<SampleModel[]> {
  const models: SampleModel[] = [];
  for (const variant of SAMPLE_MODEL_VARIANTS) {
    models.push(await makeSampleModel(folder, { ...variant, ...options }));
  }
  return models;
}

type Write = (bytes: Uint8Array) => Promise<void>;

async function writeMember(write: Write, path: string, data: Uint8Array): Promise<void> {
  await write(tarHeader({ path, size: data.length }));
  await write(data);
  await write(tarPadding(data.length));
}

/** Streams random bytes in chunks so the weights never sit whole in memory. */
async function writeRandomMember(write: Write, path: string, size: number): Promise<void> {
  await write(tarHeader({ path, size }));
  const chunkSize = 256 * 1024;
  for (let written = 0; written < size; written += chunkSize) {
    await write(randomBytes(Math.min(chunkSize, size - written)));
  }
  await write(tarPadding(size));
}

/** The JSON members of a tabular classification model, as the producer writes them. */
function jsonMembers(options: SampleModelOptions): Record<string, string> {
  const features = ["tenure_months", "monthly_charges", "support_calls"];
  const manifest = {
    variant: "pipeline",
    name: options.name,
    version: "1.0.0",
    description: "Predicts whether a customer churns next month.",
    producer_name: "falcon.beastbyte.ai",
    producer_version: "0.8.0",
    producer_tags: [
      "falcon.beastbyte.ai::tabular_classification:v1",
      "dataforce.studio::tabular_classification:v1",
    ],
    inputs: features.map((feature) => ({
      name: feature,
      content_type: "NDJSON",
      dtype: "Array[float32]",
      tags: ["falcon.beastbyte.ai::numeric:v1"],
      shape: ["batch", 1],
    })),
    outputs: [
      {
        name: "y_pred",
        content_type: "NDJSON",
        dtype: "Array[int64]",
        tags: null,
        shape: ["batch"],
      },
    ],
    dynamic_attributes: [],
    env_vars: [],
  };
  const meta = [
    {
      producer_tags: ["falcon.beastbyte.ai::tabular_classification_metrics:v1"],
      payload: { metrics: { performance: { eval_holdout: options.metrics } } },
    },
  ];
  const ops = {
    ops: [{ id: "onnx_main", op: "ONNX_v1", inputs: features, outputs: ["y_pred"] }],
  };
  return {
    "manifest.json": JSON.stringify(manifest, null, 2),
    "meta.json": JSON.stringify(meta, null, 2),
    "dtypes.json": "{}",
    "env.json": "{}",
    "ops.json": JSON.stringify(ops, null, 2),
    "variant_config.json": JSON.stringify({ pipeline: ["onnx_main"] }, null, 2),
  };
}
