import type { Context } from "hono";
import {
  type CollectionRow,
  type OrbitRow,
  type OrganizationAccess,
  requireCollection,
  requireOrbit,
  requireOrganization,
} from "./access";
import type { ApiEnv, ApiSettings } from "./api-context";
import { throwIfInvalid, type ValidationIssue } from "./http-error";
import { type ArtifactRow, requireArtifact } from "./serialize";
import { checkUuid } from "./validate";

/** The resources a route's path names, each checked to belong to its parent. */
export interface Scope {
  organization: OrganizationAccess;
  orbit: OrbitRow;
  collection: CollectionRow;
  artifact: ArtifactRow;
}

const PATH_PARAMETERS = ["organization_id", "orbit_id", "collection_id", "artifact_id"] as const;

/**
 * Validates the path's ids (422 on a malformed one), then resolves each level:
 * 404 for a missing resource or one under another parent, 403 without rights.
 */
export function resolveScope(
  c: Context<ApiEnv>,
  settings: ApiSettings,
  otherIssues: ValidationIssue[] = [],
): Partial<Scope> {
  const issues: ValidationIssue[] = [];
  const ids: Record<string, string> = {};
  for (const name of PATH_PARAMETERS) {
    const raw = c.req.param(name);
    if (raw !== undefined) ids[name] = checkUuid(raw, ["path", name], issues);
  }
  throwIfInvalid([...issues, ...otherIssues]);
  const scope: Partial<Scope> = {};
  const { db } = settings;
  if (ids.organization_id)
    scope.organization = requireOrganization(db, c.var.userId, ids.organization_id);
  if (ids.orbit_id && ids.organization_id)
    scope.orbit = requireOrbit(db, ids.organization_id, ids.orbit_id);
  if (ids.collection_id && ids.orbit_id)
    scope.collection = requireCollection(db, ids.orbit_id, ids.collection_id);
  if (ids.artifact_id && ids.collection_id)
    scope.artifact = requireArtifact(db, ids.collection_id, ids.artifact_id);
  return scope;
}

/**
 * Like `resolveScope`, typed for routes whose path names the given levels;
 * `otherIssues` (query or body problems) are reported in the same 422.
 */
export function requireScope<K extends keyof Scope>(
  c: Context<ApiEnv>,
  settings: ApiSettings,
  _levels: K[],
  otherIssues: ValidationIssue[] = [],
): Pick<Scope, K> {
  return resolveScope(c, settings, otherIssues) as Pick<Scope, K>;
}
