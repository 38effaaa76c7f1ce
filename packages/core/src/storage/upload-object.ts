import { FileUploadError } from "../errors";
import type { MultipartUploadInfo, UploadDetails, UploadPart } from "../models";
import type { ProgressCallback } from "../platform";
import type { Transport } from "../transport/transport";
import { azureBlockBlobHeaders, commitAzureBlockList } from "./azure-upload";
import { PartsProgress, PhaseProgress } from "./progress";
import { runBounded } from "./run-bounded";
import {
  completeS3MultipartUpload,
  createS3MultipartUpload,
  readPartEtag,
  type S3UploadedPart,
} from "./s3-upload";

/** Parts sent at once when the caller does not say. */
export const defaultUploadConcurrency = 4;

/** Options of `uploadObject`. */
export interface UploadObjectOptions {
  /** Where to send the bytes, from the artifact's creation. */
  details: UploadDetails;
  /** The whole file; parts are sent as slices of it. */
  blob: Blob;
  /** Parts sent at once (multipart only). Default 4. */
  concurrency?: number;
  /** Receives `uploading` progress, summed over parallel parts. */
  onProgress?: ProgressCallback;
  /** Cancels the transfer. */
  signal?: AbortSignal;
  /**
   * The presigned part URLs of a multipart upload (`bucketSecrets.getMultipartUploadUrls`
   * for `details`), given S3's upload id (`null` on Azure). Storage code sends only
   * to presigned URLs: the API call is the caller's.
   */
  partUrls(uploadId: string | null): Promise<MultipartUploadInfo>;
}

/**
 * Sends a file's bytes to object storage following `upload_details`: one PUT, or
 * a multipart upload whose parts go in parallel and are retried one by one.
 */
export async function uploadObject(
  transport: Transport,
  options: UploadObjectOptions,
): Promise<void> {
  const { details, blob } = options;
  const progress = new PhaseProgress("uploading", blob.size, options.onProgress);
  progress.report(0);
  if (details.multipart) {
    await uploadMultipart(transport, options, progress);
  } else {
    await uploadWhole(transport, options, progress);
  }
  progress.finish();
}

async function uploadWhole(
  transport: Transport,
  options: UploadObjectOptions,
  progress: PhaseProgress,
): Promise<void> {
  const { details, blob, signal } = options;
  if (!details.url)
    throw new FileUploadError({
      message: "The upload details carry no URL for a single-request upload",
    });
  await transport.storage({
    method: "PUT",
    url: details.url,
    headers: details.type === "azure" ? { ...azureBlockBlobHeaders } : undefined,
    body: blob,
    signal,
    onUploadProgress: (loaded) => progress.report(loaded),
  });
}

async function uploadMultipart(
  transport: Transport,
  options: UploadObjectOptions,
  progress: PhaseProgress,
): Promise<void> {
  const { details, blob, signal } = options;
  let uploadId: string | null = null;
  if (details.type === "s3") {
    if (!details.url)
      throw new FileUploadError({
        message: "The upload details carry no URL to start the multipart upload",
      });
    uploadId = await createS3MultipartUpload(transport, details.url, signal);
  }
  const plan = await options.partUrls(uploadId);
  checkPartsCoverFile(plan.parts, blob.size);
  const partsProgress = new PartsProgress(progress);
  const concurrency = options.concurrency ?? defaultUploadConcurrency;
  const uploaded = await runBounded(
    plan.parts,
    concurrency,
    (part, partSignal) => uploadPart(transport, details, blob, part, partsProgress, partSignal),
    signal,
  );
  if (details.type === "s3") {
    await completeS3MultipartUpload(transport, plan, uploaded, signal);
  } else {
    await commitAzureBlockList(transport, plan.complete_url, plan.parts, signal);
  }
}

/** Refuses a plan that would leave bytes out or send bytes twice. */
export function checkPartsCoverFile(parts: readonly UploadPart[], size: number): void {
  const ordered = [...parts].sort((left, right) => left.start_byte - right.start_byte);
  let expected = 0;
  for (const part of ordered) {
    if (part.start_byte !== expected || part.end_byte < part.start_byte) {
      throw new FileUploadError({
        message: "The multipart upload plan does not cover the file exactly",
      });
    }
    expected = part.end_byte + 1;
  }
  if (expected !== size) {
    throw new FileUploadError({
      message: "The multipart upload plan does not cover the file exactly",
    });
  }
}

async function uploadPart(
  transport: Transport,
  details: UploadDetails,
  blob: Blob,
  part: UploadPart,
  partsProgress: PartsProgress,
  signal: AbortSignal,
): Promise<S3UploadedPart> {
  // A Blob slice, not a stream: a retried attempt reads the bytes again from the file.
  const body = blob.slice(part.start_byte, part.end_byte + 1);
  const response = await transport.storage({
    method: "PUT",
    url: part.url,
    body,
    signal,
    onUploadProgress: (loaded) => partsProgress.update(part.part_number, loaded),
  });
  partsProgress.update(part.part_number, body.size);
  // Azure identifies blocks by the id in the URL; only S3 needs the reply's ETag.
  const etag = details.type === "s3" ? readPartEtag(response.headers, part.part_number) : "";
  return { partNumber: part.part_number, etag };
}
