import * as v from "valibot";

/** An input or output of a model whose values are JSON documents. */
export interface JsonModelIO {
  /** The input's or output's name. */
  name: string;
  /** How values are sent: JSON documents. */
  content_type: "JSON";
  /** The value's type, as the producer names it. */
  dtype: string;
  /** Free-form labels (`falcon.beastbyte.ai::numeric:v1`, …). Default `null`. */
  tags?: string[] | null | undefined;
}

/** An input or output of a model whose values are arrays, sent as NDJSON. */
export interface NdjsonModelIO {
  /** The input's or output's name. */
  name: string;
  /** How values are sent: one JSON array per line. */
  content_type: "NDJSON";
  /** `Array[<type>]` or `NDContainer[<type>]`, e.g. `Array[float32]`. */
  dtype: string;
  /** Free-form labels (`falcon.beastbyte.ai::numeric:v1`, …). Default `null`. */
  tags?: string[] | null | undefined;
  /** Dimensions: sizes, or names of variable ones (`["batch", 1]`). */
  shape: Array<string | number>;
}

/** An input or output of a model. */
export type ModelIO = NdjsonModelIO | JsonModelIO;

/** A dynamic attribute or an environment variable a model declares. */
export interface ManifestVariable {
  /** Its name. */
  name: string;
  /** What it is for. */
  description: string;
  /** Free-form labels. Default `null`. */
  tags?: string[] | null | undefined;
}

/** The manifest of a model archive (`.fnnx`, `.pyfnx`): what it takes and gives. */
export interface ModelManifest {
  /** The model's variant (`pipeline`, …). */
  variant: string;
  /** The model's name. Default `null`. */
  name?: string | null | undefined;
  /** The model's version. Default `null`. */
  version?: string | null | undefined;
  /** What the model does. Default `null`. */
  description?: string | null | undefined;
  /** The tool that wrote the archive (`falcon.beastbyte.ai`). */
  producer_name: string;
  /** That tool's version. */
  producer_version: string;
  /** What the producer says the archive is; tabular models carry a `…tabular_…:v1` tag. */
  producer_tags: string[];
  /** What the model takes. */
  inputs: ModelIO[];
  /** What the model gives. */
  outputs: ModelIO[];
  /** Attributes set when the model runs. */
  dynamic_attributes: ManifestVariable[];
  /** Environment variables the model reads. */
  env_vars: ManifestVariable[];
}

/** The manifest of a LUML artifact (`.luml`, `.dfs`): a model, dataset or experiment. */
export interface LumlArtifactManifest {
  /** What the artifact is: `model`, `dataset` or `experiment`; the service types the artifact by it. */
  artifact_type: string;
  /** The artifact's variant, as its producer names it. */
  variant: string;
  /** The artifact's name. Default `null`. */
  name?: string | null | undefined;
  /** What the artifact holds. Default `null`. */
  description?: string | null | undefined;
  /** The artifact's version. Default `null`. */
  version?: string | null | undefined;
  /** The tool that wrote the archive. */
  producer_name: string;
  /** That tool's version. */
  producer_version: string;
  /** What the producer says the archive is. */
  producer_tags: string[];
  /** The artifact's own description, free-form. */
  payload: Record<string, unknown>;
}

/**
 * A manifest the service accepts: the LUML-artifact form or the model form. It
 * stores it normalised: unknown keys dropped, absent optional keys `null`.
 */
export type ArtifactManifest = LumlArtifactManifest | ModelManifest;

// Field docs live on the interfaces; `models.test-d.ts` keeps them identical to
// what the schemas accept.

const optionalText = v.optional(v.nullable(v.string()));
const optionalTags = v.optional(v.nullable(v.array(v.string())));

/**
 * Validates a {@link JsonModelIO}.
 * @internal
 */
export const jsonModelIOSchema = v.object({
  name: v.string(),
  content_type: v.literal("JSON"),
  dtype: v.string(),
  tags: optionalTags,
});

/**
 * Validates an {@link NdjsonModelIO}.
 * @internal
 */
export const ndjsonModelIOSchema = v.object({
  name: v.string(),
  content_type: v.literal("NDJSON"),
  dtype: v.pipe(
    v.string(),
    v.regex(/^(Array\[.+\]|NDContainer\[.+\])$/, "expected Array[…] or NDContainer[…]"),
  ),
  tags: optionalTags,
  shape: v.array(v.union([v.string(), v.pipe(v.number(), v.integer())])),
});

/**
 * Validates a {@link ModelIO}: by its `content_type`, so a problem is named
 * within the form it chose.
 * @internal
 */
export const modelIOSchema = v.variant("content_type", [ndjsonModelIOSchema, jsonModelIOSchema]);

/**
 * Validates a {@link ManifestVariable}.
 * @internal
 */
export const manifestVariableSchema = v.object({
  name: v.string(),
  description: v.string(),
  tags: optionalTags,
});

const producer = {
  producer_name: v.string(),
  producer_version: v.string(),
  producer_tags: v.array(v.string()),
};

/**
 * Validates a {@link ModelManifest}.
 * @internal
 */
export const modelManifestSchema = v.object({
  variant: v.string(),
  name: optionalText,
  version: optionalText,
  description: optionalText,
  ...producer,
  inputs: v.array(modelIOSchema),
  outputs: v.array(modelIOSchema),
  dynamic_attributes: v.array(manifestVariableSchema),
  env_vars: v.array(manifestVariableSchema),
});

/**
 * Validates a {@link LumlArtifactManifest}.
 * @internal
 */
export const lumlArtifactManifestSchema = v.object({
  artifact_type: v.string(),
  variant: v.string(),
  name: optionalText,
  description: optionalText,
  version: optionalText,
  ...producer,
  payload: v.record(v.string(), v.unknown()),
});

/**
 * An {@link ArtifactManifest} that arrived from elsewhere (JSON a page posted):
 * refused, with `manifestProblem`'s sentence as the issue's message, when the
 * service would refuse it.
 * @internal
 */
export const artifactManifestSchema = v.custom<ArtifactManifest>(
  (value) => manifestProblem(value) === undefined,
  (issue) => manifestProblem(issue.input) ?? "not a manifest the service accepts",
);

/**
 * What keeps `manifest` from being one the service accepts, as one sentence, or
 * `undefined` when it is one. The service tries the LUML-artifact form, then the
 * model form; the problems named are those of the form the manifest looks meant
 * to be (the LUML-artifact form when it has `artifact_type` or `payload`).
 * @internal
 */
export function manifestProblem(manifest: unknown): string | undefined {
  const asArtifact = v.safeParse(lumlArtifactManifestSchema, manifest);
  if (asArtifact.success) return undefined;
  const asModel = v.safeParse(modelManifestSchema, manifest);
  if (asModel.success) return undefined;
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) {
    return `expected a JSON object, got ${describeValue(manifest)}`;
  }
  const meantAsArtifact =
    Object.hasOwn(manifest, "artifact_type") || Object.hasOwn(manifest, "payload");
  const issues = meantAsArtifact ? asArtifact.issues : asModel.issues;
  const form = meantAsArtifact
    ? "the LUML-artifact form (artifact_type, variant, producer_name, producer_version, producer_tags, payload)"
    : "the model form (variant, producer_name, producer_version, producer_tags, inputs, outputs, dynamic_attributes, env_vars)";
  return `not ${form}: ${issues.map(describeIssue).join("; ")}`;
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = (issue.path ?? []).map((item) => String(item.key)).join(".");
  const where = path === "" ? "the manifest" : path;
  if (issue.kind === "schema" && issue.input === undefined) return `${where} is missing`;
  if (issue.kind === "validation") return `${where}: ${issue.message}`;
  return `${where} should be ${issue.expected ?? "something else"}, not ${describeValue(issue.input)}`;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string")
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return `${typeof value} ${String(value)}`;
}
