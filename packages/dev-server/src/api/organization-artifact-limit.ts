import type { Db } from "../database/open-database";
import { HttpError } from "./http-error";

/**
 * Refuses a new artifact when the organization already holds `limit` of them, as
 * the service does when an organization reaches its plan's artifact limit (409).
 * `undefined` means no limit.
 */
export function checkOrganizationArtifactLimit(
  db: Db,
  organizationId: string,
  limit: number | undefined,
): void {
  if (limit === undefined) return;
  const { total } = db
    .prepare(
      `SELECT COUNT(*) AS total FROM artifacts a
         JOIN collections c ON c.id = a.collection_id
         JOIN orbits o ON o.id = c.orbit_id
       WHERE o.organization_id = ?`,
    )
    .get(organizationId) as { total: number };
  if (total >= limit) throw new HttpError(409, "Organization reached maximum number of artifacts");
}
