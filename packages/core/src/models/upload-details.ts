import * as v from "valibot";
import { type Artifact, artifactSchema } from "./artifact";

/** Where and how to upload a new artifact's file. */
export interface UploadDetails {
  /** The orbit's storage: S3 (or S3-compatible) or Azure Blob. */
  type: "s3" | "azure";
  /** Presigned PUT (simple) or multipart-initiate POST (S3); `null` for Azure multipart. */
  url?: string | null | undefined;
  /** Whether the file goes up in parts. */
  multipart: boolean;
  /** Where the file goes in the bucket. */
  bucket_location: string;
  /** Id of the bucket, for requesting multipart upload URLs. */
  bucket_secret_id: string;
}

/** A freshly created artifact record (status `pending_upload`) and where to upload its file. */
export interface CreatedArtifact {
  /** The new record. */
  artifact: Artifact;
  /** Where and how to upload the file. */
  upload_details: UploadDetails;
}

// Field docs live on the interfaces; `models.test-d.ts` keeps them identical to
// what the schemas produce.

/**
 * Validates an {@link UploadDetails}.
 * @internal
 */
export const uploadDetailsSchema = v.looseObject({
  type: v.picklist(["s3", "azure"]),
  url: v.nullish(v.string()),
  multipart: v.boolean(),
  bucket_location: v.string(),
  bucket_secret_id: v.string(),
});

/**
 * Validates a {@link CreatedArtifact}.
 * @internal
 */
export const createdArtifactSchema = v.looseObject({
  artifact: artifactSchema,
  upload_details: uploadDetailsSchema,
});
