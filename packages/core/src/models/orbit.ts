import * as v from "valibot";
import { optionalTimestampSchema, timestampSchema } from "./common";

/** Schema of an orbit. */
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

/** An orbit: a workspace of an organization, bound to one storage bucket. */
export type Orbit = v.InferOutput<typeof orbitSchema>;

/** Schema of an organization's orbits (a plain array). */
export const orbitListSchema = v.array(orbitSchema);
