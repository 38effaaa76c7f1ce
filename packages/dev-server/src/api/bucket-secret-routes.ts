import { Hono } from "hono";
import type { ApiEnv, ApiSettings } from "./api-context";
import { MAX_ARTIFACT_SIZE } from "./create-artifact-body";
import { HttpError, throwIfInvalid, type ValidationIssue } from "./http-error";
import { splitIntoParts } from "./part-size";
import { BodyChecker, readJsonBody } from "./read-json-body";

/** `POST /v1/bucket-secrets/upload/multipart`: the part URLs of a multipart upload. */
export function bucketSecretRoutes(settings: ApiSettings): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { db } = settings;

  app.post("/bucket-secrets/upload/multipart", async (c) => {
    const issues: ValidationIssue[] = [];
    const body = await readJsonBody(c);
    const check = new BodyChecker(body, issues);
    const bucketId = check.uuid("bucket_id");
    const bucketLocation = check.string("bucket_location", { required: true });
    const size = check.integer("size", 1, MAX_ARTIFACT_SIZE);
    const uploadId = check.string("upload_id", { nullable: true }) ?? null;
    throwIfInvalid(issues);

    const secret = db
      .prepare(
        `SELECT b.id, b.type, m.user_id FROM bucket_secrets b
         LEFT JOIN organization_members m ON m.organization_id = b.organization_id AND m.user_id = ?
         WHERE b.id = ?`,
      )
      .get(c.var.userId, bucketId) as
      | { id: string; type: "s3" | "azure"; user_id: string | null }
      | undefined;
    if (!secret) throw new HttpError(404, "Bucket secret not found");
    if (!secret.user_id) throw new HttpError(403, "Not enough rights");
    const artifact = db
      .prepare(
        `SELECT a.id FROM artifacts a JOIN collections c ON c.id = a.collection_id JOIN orbits o ON o.id = c.orbit_id
         WHERE a.bucket_location = ? AND o.bucket_secret_id = ?`,
      )
      .get(bucketLocation, secret.id);
    if (!artifact) throw new HttpError(404, "No artifact is stored at this bucket location");
    if (secret.type === "s3" && !uploadId)
      throw new HttpError(400, "upload_id is required for S3 multipart uploads");

    const ranges = splitIntoParts(size as number, settings.partSize(size as number));
    const urls = await settings.storage.multipartUrls(
      secret.type,
      bucketLocation as string,
      secret.type === "s3" ? uploadId : null,
      ranges.map((range) => range.part_number),
    );
    return c.json({
      type: secret.type,
      upload_id: secret.type === "s3" ? uploadId : null,
      parts: ranges.map((range, index) => ({ ...range, url: urls.parts[index] })),
      complete_url: urls.completeUrl,
    });
  });

  return app;
}
