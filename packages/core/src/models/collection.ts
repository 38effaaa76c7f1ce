import * as v from "valibot";
import { optionalTimestampSchema, tagsSchema, timestampSchema } from "./common";
import { collectionTypeSchema } from "./enums";

/** Schema of a collection. */
export const collectionSchema = v.looseObject({
  id: v.string(),
  orbit_id: v.string(),
  name: v.string(),
  description: v.nullish(v.string()),
  type: collectionTypeSchema,
  tags: tagsSchema,
  total_artifacts: v.nullish(v.number()),
  created_at: timestampSchema,
  updated_at: optionalTimestampSchema,
});

/** A collection: a group of artifacts of admitted types inside an orbit. */
export type Collection = v.InferOutput<typeof collectionSchema>;

/** Schema of a single collection's details. */
export const collectionDetailsSchema = v.looseObject({
  ...collectionSchema.entries,
  /** Every tag used by the collection's artifacts. */
  artifacts_tags: v.nullish(v.array(v.string())),
  /** Every metric key present in the collection's artifacts' `extra_values`. */
  artifacts_extra_values: v.nullish(v.array(v.string())),
});

/** A collection with the tag and metric keys of its artifacts. */
export type CollectionDetails = v.InferOutput<typeof collectionDetailsSchema>;
