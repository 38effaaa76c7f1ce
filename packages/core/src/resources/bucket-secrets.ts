import { InvalidArgumentError } from "../errors";
import {
  type MultipartUploadInfo,
  multipartUploadInfoSchema,
} from "../models/multipart-upload-info";
import { parseResponse } from "../models/parse-response";
import { callOptions, type RequestOptions, type ResourceContext } from "./resource-context";
import { requireId } from "./validate";

/** Options of `bucketSecrets.getMultipartUploadUrls`. */
export interface GetMultipartUploadUrlsOptions extends RequestOptions {
  /** The orbit's bucket secret (`upload_details.bucket_secret_id`). */
  bucketId: string;
  /** The object's key (`upload_details.bucket_location`). */
  bucketLocation: string;
  /** The file's size in bytes. */
  size: number;
  /** S3's `UploadId` from initiating the upload; `null` for Azure. */
  uploadId: string | null;
}

/** Presigned URLs for multipart uploads. */
export class BucketSecretsResource {
  readonly #context: ResourceContext;

  /** Created by `LumlClient`. */
  constructor(context: ResourceContext) {
    this.#context = context;
  }

  /**
   * The part URLs and completion URL of a multipart upload.
   *
   * @example
   * ```ts
   * const { artifact, upload_details } = await luml.artifacts.create(prepared);
   * const { parts, complete_url } = await luml.bucketSecrets.getMultipartUploadUrls({
   *   bucketId: upload_details.bucket_secret_id,
   *   bucketLocation: upload_details.bucket_location,
   *   size: prepared.size,
   *   uploadId: null, // Azure; for S3, the `UploadId` of initiating the upload
   * });
   * for (const part of parts) console.log(part.part_number, part.start_byte, part.end_byte);
   * ```
   */
  async getMultipartUploadUrls(
    options: GetMultipartUploadUrlsOptions,
  ): Promise<MultipartUploadInfo> {
    const bucketId = requireId(options.bucketId, "bucketId");
    const bucketLocation = requireId(options.bucketLocation, "bucketLocation");
    if (!Number.isSafeInteger(options.size) || options.size < 0) {
      throw new InvalidArgumentError({
        argument: "size",
        message: "expected a non-negative integer",
      });
    }
    const uploadId = options.uploadId === null ? null : requireId(options.uploadId, "uploadId");
    const path = "/v1/bucket-secrets/upload/multipart";
    const response = await this.#context.transport.request({
      method: "POST",
      path,
      body: {
        bucket_id: bucketId,
        bucket_location: bucketLocation,
        size: options.size,
        upload_id: uploadId,
      },
      // Only presigns URLs; repeating it creates nothing.
      retry: true,
      ...callOptions(options),
    });
    return parseResponse(multipartUploadInfoSchema, response.body, { method: "POST", url: path });
  }
}
