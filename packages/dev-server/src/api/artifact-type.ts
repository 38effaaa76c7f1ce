import { HttpError } from "./http-error";
import { isRecord } from "./validate";

/** Artifact types the service knows. */
export const ARTIFACT_TYPES = ["model", "dataset", "experiment"] as const;
/** One artifact type. */
export type ArtifactType = (typeof ARTIFACT_TYPES)[number];

/** Collection types, and which artifact types each admits. */
export const COLLECTION_ADMITS: Record<string, readonly ArtifactType[]> = {
  model: ["model"],
  dataset: ["dataset"],
  experiment: ["experiment"],
  model_dataset: ["model", "dataset"],
  dataset_experiment: ["dataset", "experiment"],
  model_experiment: ["model", "experiment"],
  mixed: ["model", "dataset", "experiment"],
};

/** Members a model archive must hold when its manifest names no `artifact_type`. */
const MODEL_FILES = [
  "dtypes.json",
  "env.json",
  "manifest.json",
  "meta.json",
  "ops.json",
  "variant_config.json",
];

/**
 * Derives the type the service assigns: the manifest's `artifact_type`, else a
 * model when every model member is present, else 400.
 */
export function deriveArtifactType(
  manifest: Record<string, unknown>,
  fileIndex: Record<string, unknown>,
): ArtifactType {
  const declared = manifest.artifact_type;
  if (typeof declared === "string" && (ARTIFACT_TYPES as readonly string[]).includes(declared)) {
    return declared as ArtifactType;
  }
  if (MODEL_FILES.every((file) => file in fileIndex)) return "model";
  throw new HttpError(400, "Could not define artifact type");
}

/** Resolves the final type, checking it against the body's `type` and the collection's type. */
export function resolveArtifactType(options: {
  manifest: unknown;
  fileIndex: Record<string, unknown>;
  requested: ArtifactType | null;
  collectionType: string;
}): ArtifactType {
  const manifest = isRecord(options.manifest) ? options.manifest : {};
  const derived = deriveArtifactType(manifest, options.fileIndex);
  if (options.requested && options.requested !== derived) {
    throw new HttpError(
      400,
      `Artifact type mismatch: the file is a ${derived}, not a ${options.requested}`,
    );
  }
  const admitted = COLLECTION_ADMITS[options.collectionType] ?? [];
  if (!admitted.includes(derived)) {
    throw new HttpError(
      400,
      `A ${options.collectionType} collection does not accept ${derived} artifacts`,
    );
  }
  return derived;
}
