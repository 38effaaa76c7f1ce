import * as v from "valibot";
import { optionalTimestampSchema, timestampSchema } from "./common";

/** Schema of an organization. */
export const organizationSchema = v.looseObject({
  id: v.string(),
  name: v.string(),
  logo: v.nullish(v.string()),
  created_at: timestampSchema,
  updated_at: optionalTimestampSchema,
  /** The user's role (in the user's list of organizations). */
  role: v.nullish(v.string()),
  permissions: v.nullish(v.unknown()),
});

/** An organization: the top of the hierarchy, holding orbits. */
export type Organization = v.InferOutput<typeof organizationSchema>;

/** Schema of the user's organizations (a plain array). */
export const organizationListSchema = v.array(organizationSchema);
