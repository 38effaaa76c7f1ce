import type { Db } from "../database/open-database";
import { HttpError } from "./http-error";

/** An organization row with the caller's role in it. */
export interface OrganizationAccess {
  id: string;
  name: string;
  logo: string | null;
  created_at: string;
  updated_at: string | null;
  role: string;
}

/** An orbit row joined with its bucket secret's storage kind. */
export interface OrbitRow {
  id: string;
  organization_id: string;
  name: string;
  bucket_secret_id: string;
  created_at: string;
  updated_at: string | null;
  storage_type: "s3" | "azure";
}

/** A collection row (tags still JSON text). */
export interface CollectionRow {
  id: string;
  orbit_id: string;
  name: string;
  description: string;
  type: string;
  tags: string | null;
  created_at: string;
  updated_at: string | null;
}

/** Permissions the service lists for each role. */
export function permissionsOf(role: string): Record<string, string[]> {
  const write = role === "owner" || role === "admin" || role === "member";
  const actions = write ? ["list", "read", "create", "update", "delete"] : ["list", "read"];
  return { orbit: actions, collection: actions, artifact: actions };
}

/** The organization, if the user belongs to it: 404 when it does not exist, 403 when not a member. */
export function requireOrganization(
  db: Db,
  userId: string,
  organizationId: string,
): OrganizationAccess {
  const organization = db
    .prepare(
      `SELECT o.*, m.role AS role FROM organizations o
       LEFT JOIN organization_members m ON m.organization_id = o.id AND m.user_id = ?
       WHERE o.id = ?`,
    )
    .get(userId, organizationId) as (OrganizationAccess & { role: string | null }) | undefined;
  if (!organization) throw new HttpError(404, "Organization not found");
  if (!organization.role) throw new HttpError(403, "Not enough rights");
  return organization;
}

/** The orbit, only if it belongs to that organization (else 404). */
export function requireOrbit(db: Db, organizationId: string, orbitId: string): OrbitRow {
  const orbit = db
    .prepare(
      `SELECT o.*, b.type AS storage_type FROM orbits o JOIN bucket_secrets b ON b.id = o.bucket_secret_id
       WHERE o.id = ? AND o.organization_id = ?`,
    )
    .get(orbitId, organizationId) as OrbitRow | undefined;
  if (!orbit) throw new HttpError(404, "Orbit not found");
  return orbit;
}

/** The collection, only if it belongs to that orbit (else 404). */
export function requireCollection(db: Db, orbitId: string, collectionId: string): CollectionRow {
  const collection = db
    .prepare("SELECT * FROM collections WHERE id = ? AND orbit_id = ?")
    .get(collectionId, orbitId) as CollectionRow | undefined;
  if (!collection) throw new HttpError(404, "Collection not found");
  return collection;
}
