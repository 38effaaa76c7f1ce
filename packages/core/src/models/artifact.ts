import * as v from "valibot";
import { type Collection, collectionSchema } from "./collection";
import { jsonObjectSchema, optionalTimestampSchema, tagsSchema, timestampSchema } from "./common";
import {
  type ArtifactStatus,
  type ArtifactType,
  artifactStatusSchema,
  artifactTypeSchema,
} from "./enums";

/**
 * An artifact: a model, dataset or experiment file and its metadata. Fields keep
 * the API's names; fields the API adds later are kept at runtime but
 * not typed, so a misspelt field (`artifact.metrics`) does not compile.
 */
export interface Artifact {
  /** The artifact's id (a UUID). */
  id: string;
  /** Id of the collection holding the artifact. */
  collection_id: string;
  /** File name, extension included (`model.luml`). */
  file_name: string;
  /** Display name. */
  name?: string | null | undefined;
  /** Free-form description. */
  description?: string | null | undefined;
  /** Metrics and other free-form values, keyed by name. */
  extra_values?: Record<string, unknown> | null | undefined;
  /** The JSON content of the archive's `manifest.json`. */
  manifest?: Record<string, unknown> | null | undefined;
  /** sha256 (hex) of the whole file. */
  file_hash?: string | null | undefined;
  /** Member path → `[data offset, size]` inside the tar archive. */
  file_index?: Record<string, [number, number]> | null | undefined;
  /** Where the file lives in the orbit's bucket. */
  bucket_location: string;
  /** File size in bytes. */
  size: number;
  /** Random id that prefixes the file name in `bucket_location`. */
  unique_identifier?: string | null | undefined;
  /** Tags, `null` when none were set. */
  tags?: string[] | null | undefined;
  /** Lifecycle state: uploaded, still pending, failed or being deleted. */
  status: ArtifactStatus;
  /** What the artifact holds, as the service derived it from the file. */
  type: ArtifactType;
  /** The user who created the artifact, as the API describes them. */
  created_by_user?: unknown;
  /** Creation time (ISO-8601). */
  created_at: string;
  /** Last update time (ISO-8601), `null` if never updated. */
  updated_at?: string | null | undefined;
}

/** An artifact in a listing, with its collection's name and its deployments. */
export interface ListedArtifact extends Artifact {
  /** Name of the collection holding the artifact. */
  collection_name?: string | null | undefined;
  /** Deployments that use the artifact. */
  deployments?: unknown[] | null | undefined;
}

/** A single artifact's details: the artifact with its collection, deployments and tracks. */
export interface ArtifactDetails extends Artifact {
  /** The collection holding the artifact. */
  collection?: Collection | null | undefined;
  /** Deployments that use the artifact. */
  deployments?: unknown[] | null | undefined;
  /** Experiment tracks that use the artifact. */
  tracks?: unknown[] | null | undefined;
}

// The schemas validate replies; their field docs live on the interfaces above,
// which `models.test-d.ts` keeps identical to what the schemas produce.

/**
 * Validates an {@link Artifact}.
 * @internal
 */
export const artifactSchema = v.looseObject({
  id: v.string(),
  collection_id: v.string(),
  file_name: v.string(),
  name: v.nullish(v.string()),
  description: v.nullish(v.string()),
  extra_values: v.nullish(jsonObjectSchema),
  manifest: v.nullish(jsonObjectSchema),
  file_hash: v.nullish(v.string()),
  file_index: v.nullish(v.record(v.string(), v.tuple([v.number(), v.number()]))),
  bucket_location: v.string(),
  size: v.number(),
  unique_identifier: v.nullish(v.string()),
  tags: tagsSchema,
  status: artifactStatusSchema,
  type: artifactTypeSchema,
  created_by_user: v.nullish(v.unknown()),
  created_at: timestampSchema,
  updated_at: optionalTimestampSchema,
});

/**
 * Validates a {@link ListedArtifact}.
 * @internal
 */
export const listedArtifactSchema = v.looseObject({
  ...artifactSchema.entries,
  collection_name: v.nullish(v.string()),
  deployments: v.nullish(v.array(v.unknown())),
});

/**
 * Validates an {@link ArtifactDetails}.
 * @internal
 */
export const artifactDetailsSchema = v.looseObject({
  ...artifactSchema.entries,
  collection: v.nullish(collectionSchema),
  deployments: v.nullish(v.array(v.unknown())),
  tracks: v.nullish(v.array(v.unknown())),
});
