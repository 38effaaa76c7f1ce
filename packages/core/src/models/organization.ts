import * as v from "valibot";
import { optionalTimestampSchema, timestampSchema } from "./common";

/**
 * An organization: the top of the hierarchy, holding orbits. Fields keep the
 * API's names; fields the API adds later are kept at runtime but
 * not typed, so a misspelt field (`artifact.metrics`) does not compile.
 */
export interface Organization {
  /** The organization's id (a UUID). */
  id: string;
  /** The organization's name. */
  name: string;
  /** URL of the organization's logo. */
  logo?: string | null | undefined;
  /** Creation time (ISO-8601). */
  created_at: string;
  /** Last update time (ISO-8601), `null` if never updated. */
  updated_at?: string | null | undefined;
  /** The user's role (in the user's list of organizations). */
  role?: string | null | undefined;
  /** The user's permissions (in the user's list of organizations), as the API describes them. */
  permissions?: unknown;
}

// Field docs live on the interface; `models.test-d.ts` keeps it identical to what
// the schema produces.

/**
 * Validates an {@link Organization}.
 * @internal
 */
export const organizationSchema = v.looseObject({
  id: v.string(),
  name: v.string(),
  logo: v.nullish(v.string()),
  created_at: timestampSchema,
  updated_at: optionalTimestampSchema,
  role: v.nullish(v.string()),
  permissions: v.nullish(v.unknown()),
});

/**
 * Validates the user's organizations (a plain array).
 * @internal
 */
export const organizationListSchema = v.array(organizationSchema);
