import * as v from "valibot";
import { artifactSchema } from "./artifact";

/** Schema of where and how to upload a new artifact's file. */
export const uploadDetailsSchema = v.looseObject({
  type: v.picklist(["s3", "azure"]),
  /** Presigned PUT (simple) or multipart-initiate POST (S3); `null` for Azure multipart. */
  url: v.nullish(v.string()),
  multipart: v.boolean(),
  bucket_location: v.string(),
  bucket_secret_id: v.string(),
});

/** Where and how to upload a new artifact's file. */
export type UploadDetails = v.InferOutput<typeof uploadDetailsSchema>;

/** Schema of the reply to creating an artifact. */
export const createdArtifactSchema = v.looseObject({
  artifact: artifactSchema,
  upload_details: uploadDetailsSchema,
});

/** A freshly created artifact record (status `pending_upload`) and its upload details. */
export type CreatedArtifact = v.InferOutput<typeof createdArtifactSchema>;
