import * as v from "valibot";

/** Schema of one part of a multipart upload. */
export const uploadPartSchema = v.looseObject({
  part_number: v.number(),
  url: v.string(),
  start_byte: v.number(),
  /** Inclusive. */
  end_byte: v.number(),
  part_size: v.number(),
});

/** One part of a multipart upload: bytes `[start_byte, end_byte]` go to `url`. */
export type UploadPart = v.InferOutput<typeof uploadPartSchema>;

/** Schema of S3 multipart upload URLs. */
export const s3MultipartUploadInfoSchema = v.looseObject({
  type: v.literal("s3"),
  upload_id: v.string(),
  parts: v.array(uploadPartSchema),
  complete_url: v.string(),
});

/** Schema of Azure block-list upload URLs. */
export const azureMultipartUploadInfoSchema = v.looseObject({
  type: v.literal("azure"),
  upload_id: v.nullish(v.string()),
  parts: v.array(uploadPartSchema),
  complete_url: v.string(),
});

/** Schema of multipart upload URLs for either storage. */
export const multipartUploadInfoSchema = v.variant("type", [
  s3MultipartUploadInfoSchema,
  azureMultipartUploadInfoSchema,
]);

/** S3 multipart upload URLs. */
export type S3MultipartUploadInfo = v.InferOutput<typeof s3MultipartUploadInfoSchema>;
/** Azure block-list upload URLs. */
export type AzureMultipartUploadInfo = v.InferOutput<typeof azureMultipartUploadInfoSchema>;
/** Multipart upload URLs, per storage type. */
export type MultipartUploadInfo = v.InferOutput<typeof multipartUploadInfoSchema>;
