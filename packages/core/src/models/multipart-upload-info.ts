import * as v from "valibot";

/** One part of a multipart upload: bytes `[start_byte, end_byte]` of the file go to `url`. */
export interface UploadPart {
  /** The part's number, from 1. */
  part_number: number;
  /** Presigned URL to PUT the part's bytes to. */
  url: string;
  /** Offset of the part's first byte in the file. */
  start_byte: number;
  /** Offset of the part's last byte in the file (inclusive). */
  end_byte: number;
  /** The part's size in bytes. */
  part_size: number;
}

/** S3 multipart upload URLs. */
export interface S3MultipartUploadInfo {
  /** The storage type. */
  type: "s3";
  /** The S3 upload id the parts belong to. */
  upload_id: string;
  /** Where to PUT each part. */
  parts: UploadPart[];
  /** Presigned URL to POST the part list to once every part is stored. */
  complete_url: string;
}

/** Azure block-list upload URLs. */
export interface AzureMultipartUploadInfo {
  /** The storage type. */
  type: "azure";
  /** Unused by Azure: `null` or absent. */
  upload_id?: string | null | undefined;
  /** Where to PUT each block. */
  parts: UploadPart[];
  /** SAS URL to PUT the block list to once every block is stored. */
  complete_url: string;
}

/** Multipart upload URLs; `type` tells the storage apart. */
export type MultipartUploadInfo = S3MultipartUploadInfo | AzureMultipartUploadInfo;

// Field docs live on the interfaces; `models.test-d.ts` keeps them identical to
// what the schemas produce.

/**
 * Validates an {@link UploadPart}.
 * @internal
 */
export const uploadPartSchema = v.looseObject({
  part_number: v.number(),
  url: v.string(),
  start_byte: v.number(),
  end_byte: v.number(),
  part_size: v.number(),
});

/**
 * Validates an {@link S3MultipartUploadInfo}.
 * @internal
 */
export const s3MultipartUploadInfoSchema = v.looseObject({
  type: v.literal("s3"),
  upload_id: v.string(),
  parts: v.array(uploadPartSchema),
  complete_url: v.string(),
});

/**
 * Validates an {@link AzureMultipartUploadInfo}.
 * @internal
 */
export const azureMultipartUploadInfoSchema = v.looseObject({
  type: v.literal("azure"),
  upload_id: v.nullish(v.string()),
  parts: v.array(uploadPartSchema),
  complete_url: v.string(),
});

/**
 * Validates a {@link MultipartUploadInfo}.
 * @internal
 */
export const multipartUploadInfoSchema = v.variant("type", [
  s3MultipartUploadInfoSchema,
  azureMultipartUploadInfoSchema,
]);
