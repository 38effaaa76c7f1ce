import { Hono } from "hono";
import { createId, createUniqueIdentifier, timestamp } from "../ids";
import type { ApiEnv, ApiSettings } from "./api-context";
import { listArtifacts } from "./artifact-list-route";
import { resolveArtifactType } from "./artifact-type";
import { parseCreateArtifactBody, requireParsed } from "./create-artifact-body";
import { HttpError, type ValidationIssue } from "./http-error";
import { checkOrganizationArtifactLimit } from "./organization-artifact-limit";
import { BodyChecker, readJsonBody } from "./read-json-body";
import { requireScope } from "./resolve-scope";
import {
  type ArtifactRow,
  requireArtifact,
  serializeArtifact,
  serializeCollection,
  usagesOf,
} from "./serialize";

const PATCHABLE_STATUSES = ["uploaded", "upload_failed", "deletion_failed"] as const;

/** Which statuses PATCH may move an artifact to, from each status. */
const TRANSITIONS: Record<string, readonly string[]> = {
  pending_upload: ["uploaded", "upload_failed"],
  pending_deletion: ["deletion_failed"],
};

/** Artifact routes of an orbit and its collections. */
export function artifactRoutes(settings: ApiSettings): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { db, storage } = settings;
  const orbitPath = "/organizations/:organization_id/orbits/:orbit_id";
  const collectionPath = `${orbitPath}/collections/:collection_id/artifacts`;
  const artifactPath = `${collectionPath}/:artifact_id`;

  app.get(`${orbitPath}/artifacts`, (c) => listArtifacts(c, settings));

  app.post(collectionPath, async (c) => {
    const issues: ValidationIssue[] = [];
    const parsed = parseCreateArtifactBody(await readJsonBody(c), issues);
    const { orbit, collection } = requireScope(c, settings, ["orbit", "collection"], issues);
    const body = requireParsed(parsed, issues);
    const type = resolveArtifactType({
      manifest: body.manifest,
      fileIndex: body.file_index,
      requested: body.type,
      collectionType: collection.type,
    });
    checkOrganizationArtifactLimit(db, orbit.organization_id, settings.maxArtifactsPerOrganization);
    const uniqueIdentifier = createUniqueIdentifier();
    const bucketLocation = `orbit-${orbit.id}/collection-${collection.id}/${uniqueIdentifier}-${body.file_name}`;
    const id = createId();
    db.prepare(
      `INSERT INTO artifacts (id, collection_id, file_name, name, description, extra_values, manifest, file_hash,
         file_index, bucket_location, size, unique_identifier, tags, status, type, created_by_user, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending_upload', ?, ?, ?)`,
    ).run(
      id,
      collection.id,
      body.file_name,
      body.name ?? body.file_name,
      body.description,
      JSON.stringify(body.extra_values),
      JSON.stringify(body.manifest),
      body.file_hash,
      JSON.stringify(body.file_index),
      bucketLocation,
      body.size,
      uniqueIdentifier,
      body.tags === null ? null : JSON.stringify(body.tags),
      type,
      c.var.userId,
      timestamp(),
    );
    const multipart = body.size > settings.multipartThreshold;
    let url: string | null = null;
    if (!multipart) url = await storage.simpleUploadUrl(orbit.storage_type, bucketLocation);
    else if (orbit.storage_type === "s3") url = await storage.s3CreateMultipartUrl(bucketLocation);
    return c.json({
      artifact: serializeArtifact(requireArtifact(db, collection.id, id)),
      upload_details: {
        type: orbit.storage_type,
        url,
        multipart,
        bucket_location: bucketLocation,
        bucket_secret_id: orbit.bucket_secret_id,
      },
    });
  });

  app.get(artifactPath, (c) => {
    const { collection, artifact } = requireScope(c, settings, ["collection", "artifact"]);
    const total = db
      .prepare("SELECT COUNT(*) AS n FROM artifacts WHERE collection_id = ?")
      .get(collection.id) as {
      n: number;
    };
    return c.json({
      ...serializeArtifact(artifact),
      collection: serializeCollection(collection, total.n),
      deployments: usagesOf(db, artifact.id, "deployment"),
      tracks: usagesOf(db, artifact.id, "track"),
    });
  });

  app.patch(artifactPath, async (c) => {
    const issues: ValidationIssue[] = [];
    const check = new BodyChecker(await readJsonBody(c), issues);
    const changes = {
      name: check.string("name"),
      description: check.string("description", { nullable: true }),
      tags: check.stringList("tags"),
      status: check.choice("status", PATCHABLE_STATUSES),
    };
    const { artifact } = requireScope(c, settings, ["artifact"], issues);
    if (changes.status && !TRANSITIONS[artifact.status]?.includes(changes.status)) {
      throw new HttpError(
        400,
        `Invalid status transition from ${artifact.status} to ${changes.status}`,
      );
    }
    const updated: ArtifactRow = {
      ...artifact,
      name: changes.name ?? artifact.name,
      description: changes.description === undefined ? artifact.description : changes.description,
      tags:
        changes.tags === undefined
          ? artifact.tags
          : changes.tags === null
            ? null
            : JSON.stringify(changes.tags),
      status: changes.status ?? artifact.status,
      updated_at: timestamp(),
    };
    db.prepare(
      "UPDATE artifacts SET name = ?, description = ?, tags = ?, status = ?, updated_at = ? WHERE id = ?",
    ).run(
      updated.name,
      updated.description,
      updated.tags,
      updated.status,
      updated.updated_at,
      artifact.id,
    );
    return c.json(serializeArtifact(updated));
  });

  app.get(`${artifactPath}/download-url`, async (c) => {
    const { orbit, artifact } = requireScope(c, settings, ["orbit", "artifact"]);
    return c.json({ url: await storage.downloadUrl(orbit.storage_type, artifact.bucket_location) });
  });

  app.get(`${artifactPath}/delete-url`, async (c) => {
    const { orbit, artifact } = requireScope(c, settings, ["orbit", "artifact"]);
    const usages = db
      .prepare("SELECT kind FROM artifact_usages WHERE artifact_id = ? LIMIT 1")
      .get(artifact.id) as { kind: string } | undefined;
    if (usages)
      throw new HttpError(409, `Artifact is used by a ${usages.kind} and cannot be deleted`);
    const url = await storage.deleteUrl(orbit.storage_type, artifact.bucket_location);
    db.prepare("UPDATE artifacts SET status = 'pending_deletion', updated_at = ? WHERE id = ?").run(
      timestamp(),
      artifact.id,
    );
    return c.json({ url });
  });

  app.delete(artifactPath, (c) => {
    const { artifact } = requireScope(c, settings, ["artifact"]);
    if (artifact.status !== "pending_deletion") {
      throw new HttpError(
        400,
        `Artifact must be pending deletion, not ${artifact.status}: request its delete-url first`,
      );
    }
    db.prepare("DELETE FROM artifacts WHERE id = ?").run(artifact.id);
    return c.body(null, 204);
  });

  app.delete(`${artifactPath}/force`, (c) => {
    const { artifact } = requireScope(c, settings, ["artifact"]);
    db.prepare("DELETE FROM artifacts WHERE id = ?").run(artifact.id);
    return c.body(null, 204);
  });

  return app;
}
