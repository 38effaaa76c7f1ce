// Writes the smallest archive the service accepts as a model: a ustar file holding the
// six files a model's file_index must list.
import { createTar } from "nanotar";

const modelFiles = {
  "manifest.json": {
    variant: "pipeline",
    name: "smoke",
    version: null,
    description: "smoke test model",
    producer_name: "luml-smoke",
    producer_version: "0.0.0",
    producer_tags: [],
    inputs: [],
    outputs: [],
    dynamic_attributes: [],
    env_vars: [],
  },
  "meta.json": [],
  "dtypes.json": {},
  "env.json": {},
  "ops.json": [],
  "variant_config.json": {},
};

/** The bytes of the tiny model archive. */
export function tinyModel() {
  const encoder = new TextEncoder();
  return createTar(
    Object.entries(modelFiles).map(([name, content]) => ({
      name,
      data: encoder.encode(JSON.stringify(content)),
    })),
  );
}
