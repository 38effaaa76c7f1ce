import * as v from "valibot";
import { optionalTimestampSchema, tagsSchema, timestampSchema } from "./common";
import { type CollectionType, collectionTypeSchema } from "./enums";

/**
 * A collection: a group of artifacts of admitted types inside an orbit. Fields
 * keep the API's names; fields the API adds later are kept at runtime but
 * not typed, so a misspelt field (`artifact.metrics`) does not compile.
 */
export interface Collection {
  /** The collection's id (a UUID). */
  id: string;
  /** Id of the orbit holding the collection. */
  orbit_id: string;
  /** The collection's name, unique in its orbit. */
  name: string;
  /** Free-form description. */
  description?: string | null | undefined;
  /** Which artifact types the collection admits. */
  type: CollectionType;
  /** Tags, `null` when none were set. */
  tags?: string[] | null | undefined;
  /** How many artifacts the collection holds. */
  total_artifacts?: number | null | undefined;
  /** Creation time (ISO-8601). */
  created_at: string;
  /** Last update time (ISO-8601), `null` if never updated. */
  updated_at?: string | null | undefined;
}

/** A single collection's details: the collection with the tag and metric keys of its artifacts. */
export interface CollectionDetails extends Collection {
  /** Every tag used by the collection's artifacts. */
  artifacts_tags?: string[] | null | undefined;
  /** Every metric key present in the collection's artifacts' `extra_values`. */
  artifacts_extra_values?: string[] | null | undefined;
}

// Field docs live on the interfaces; `models.test-d.ts` keeps them identical
// to what the schemas produce.

/**
 * Validates a {@link Collection}.
 * @internal
 */
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

/**
 * Validates a {@link CollectionDetails}.
 * @internal
 */
export const collectionDetailsSchema = v.looseObject({
  ...collectionSchema.entries,
  artifacts_tags: v.nullish(v.array(v.string())),
  artifacts_extra_values: v.nullish(v.array(v.string())),
});
