import * as v from "valibot";
import { optionalTimestampSchema, timestampSchema } from "./common";

/**
 * An orbit: a workspace of an organization, bound to one storage bucket. Fields
 * keep the API's names; fields the API adds later are kept at runtime but
 * not typed, so a misspelt field (`artifact.metrics`) does not compile.
 */
export interface Orbit {
  /** The orbit's id (a UUID). */
  id: string;
  /** The orbit's name. */
  name: string;
  /** Id of the organization holding the orbit. */
  organization_id: string;
  /** Id of the storage bucket the orbit's files go to. */
  bucket_secret_id: string;
  /** How many members the orbit has. */
  total_members?: number | null | undefined;
  /** How many collections the orbit holds. */
  total_collections?: number | null | undefined;
  /** How many artifacts the orbit holds. */
  total_artifacts?: number | null | undefined;
  /** The user's role in the orbit. */
  role?: string | null | undefined;
  /** The user's permissions in the orbit, as the API describes them. */
  permissions?: unknown;
  /** Creation time (ISO-8601). */
  created_at: string;
  /** Last update time (ISO-8601), `null` if never updated. */
  updated_at?: string | null | undefined;
}

// Field docs live on the interface; `models.test-d.ts` keeps it identical to what
// the schema produces.

/**
 * Validates an {@link Orbit}.
 * @internal
 */
export const orbitSchema = v.looseObject({
  id: v.string(),
  name: v.string(),
  organization_id: v.string(),
  bucket_secret_id: v.string(),
  total_members: v.nullish(v.number()),
  total_collections: v.nullish(v.number()),
  total_artifacts: v.nullish(v.number()),
  role: v.nullish(v.string()),
  permissions: v.nullish(v.unknown()),
  created_at: timestampSchema,
  updated_at: optionalTimestampSchema,
});

/**
 * Validates an organization's orbits (a plain array).
 * @internal
 */
export const orbitListSchema = v.array(orbitSchema);
