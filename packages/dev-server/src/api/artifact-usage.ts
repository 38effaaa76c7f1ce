import { createId, timestamp } from "../ids";
import { requireOrganization } from "./access";
import type { ApiSettings } from "./api-context";
import { HttpError } from "./http-error";

/** A deployment or track that uses an artifact, as the artifact details list it. */
export interface ArtifactUsage {
  id: string;
  artifact_id: string;
  kind: "deployment" | "track";
  name: string;
  created_at: string;
}

/**
 * Marks an artifact as used by a deployment or a track (dev only), so deleting
 * it is refused. 404 when the artifact does not exist, 403 when `userId` is not
 * a member of the organization that holds it.
 */
export function addArtifactUsage(
  settings: ApiSettings,
  userId: string,
  artifactId: string,
  kind: ArtifactUsage["kind"],
  name: string,
): ArtifactUsage {
  const { db } = settings;
  const owner = db
    .prepare(
      `SELECT o.organization_id FROM artifacts a
       JOIN collections c ON c.id = a.collection_id JOIN orbits o ON o.id = c.orbit_id
       WHERE a.id = ?`,
    )
    .get(artifactId) as { organization_id: string } | undefined;
  if (!owner) throw new HttpError(404, "Artifact not found");
  requireOrganization(db, userId, owner.organization_id);
  const usage: ArtifactUsage = {
    id: createId(),
    artifact_id: artifactId,
    kind,
    name,
    created_at: timestamp(),
  };
  db.prepare(
    "INSERT INTO artifact_usages (id, artifact_id, kind, name, created_at) VALUES (?, ?, ?, ?, ?)",
  ).run(usage.id, usage.artifact_id, usage.kind, usage.name, usage.created_at);
  return usage;
}
