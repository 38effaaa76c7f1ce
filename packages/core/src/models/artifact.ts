import * as v from "valibot";
import { collectionSchema } from "./collection";
import { jsonObjectSchema, optionalTimestampSchema, tagsSchema, timestampSchema } from "./common";
import { artifactStatusSchema, artifactTypeSchema } from "./enums";

/** Schema of an artifact record. */
export const artifactSchema = v.looseObject({
  id: v.string(),
  collection_id: v.string(),
  file_name: v.string(),
  name: v.nullish(v.string()),
  description: v.nullish(v.string()),
  /** Metrics and other free-form values. */
  extra_values: v.nullish(jsonObjectSchema),
  manifest: v.nullish(jsonObjectSchema),
  /** sha256 (hex) of the whole file. */
  file_hash: v.nullish(v.string()),
  /** Member path → `[data offset, size]` inside the tar archive. */
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

/** An artifact: a model, dataset or experiment file and its metadata. */
export type Artifact = v.InferOutput<typeof artifactSchema>;

/** Schema of an artifact as listings return it. */
export const listedArtifactSchema = v.looseObject({
  ...artifactSchema.entries,
  collection_name: v.nullish(v.string()),
  deployments: v.nullish(v.array(v.unknown())),
});

/** An artifact in a listing, with its collection's name and its deployments. */
export type ListedArtifact = v.InferOutput<typeof listedArtifactSchema>;

/** Schema of a single artifact's details. */
export const artifactDetailsSchema = v.looseObject({
  ...artifactSchema.entries,
  collection: v.nullish(collectionSchema),
  deployments: v.nullish(v.array(v.unknown())),
  tracks: v.nullish(v.array(v.unknown())),
});

/** An artifact with its collection, deployments and tracks. */
export type ArtifactDetails = v.InferOutput<typeof artifactDetailsSchema>;
