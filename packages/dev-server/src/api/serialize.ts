import type { Db } from "../database/open-database";
import type { CollectionRow } from "./access";
import { HttpError } from "./http-error";

/** An artifact row as stored (JSON columns still text). */
export interface ArtifactRow {
  id: string;
  collection_id: string;
  file_name: string;
  name: string;
  description: string | null;
  extra_values: string;
  manifest: string;
  file_hash: string;
  file_index: string;
  bucket_location: string;
  size: number;
  unique_identifier: string;
  tags: string | null;
  status: string;
  type: string;
  created_by_user: string | null;
  created_at: string;
  updated_at: string | null;
}

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/** The wire form of an artifact. */
export function serializeArtifact(row: ArtifactRow): Record<string, unknown> {
  return {
    id: row.id,
    collection_id: row.collection_id,
    file_name: row.file_name,
    name: row.name,
    description: row.description,
    extra_values: parseJson(row.extra_values),
    manifest: parseJson(row.manifest),
    file_hash: row.file_hash,
    file_index: parseJson(row.file_index),
    bucket_location: row.bucket_location,
    size: row.size,
    unique_identifier: row.unique_identifier,
    tags: parseJson(row.tags),
    status: row.status,
    type: row.type,
    created_by_user: row.created_by_user,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The wire form of a collection, with its artifact count. */
export function serializeCollection(
  row: CollectionRow,
  totalArtifacts: number,
): Record<string, unknown> {
  return {
    id: row.id,
    orbit_id: row.orbit_id,
    description: row.description,
    name: row.name,
    type: row.type,
    tags: parseJson(row.tags),
    total_artifacts: totalArtifacts,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Deployments or tracks that use an artifact. */
export function usagesOf(
  db: Db,
  artifactId: string,
  kind: "deployment" | "track",
): Array<Record<string, unknown>> {
  return db
    .prepare(
      "SELECT id, name, created_at FROM artifact_usages WHERE artifact_id = ? AND kind = ? ORDER BY id",
    )
    .all(artifactId, kind) as Array<Record<string, unknown>>;
}

/** The artifact, only if it belongs to that collection (else 404). */
export function requireArtifact(db: Db, collectionId: string, artifactId: string): ArtifactRow {
  const row = db
    .prepare("SELECT * FROM artifacts WHERE id = ? AND collection_id = ?")
    .get(artifactId, collectionId) as ArtifactRow | undefined;
  if (!row) throw new HttpError(404, "Artifact not found");
  return row;
}
