import { FileUploadError } from "../errors";
import type { MultipartUploadInfo } from "../models";
import type { ReplyHeaders } from "../transport/reply-headers";
import type { Transport } from "../transport/transport";
import { describeXmlError, escapeXml, isXmlError, readXmlElement } from "./xml";

/** Starts an S3 multipart upload on its presigned `POST ?uploads` URL; returns the UploadId. */
export async function createS3MultipartUpload(
  transport: Transport,
  url: string,
  signal?: AbortSignal,
): Promise<string> {
  const response = await transport.storage({ method: "POST", url, signal, retry: true });
  const text = response.text ?? "";
  if (isXmlError(text)) {
    throw new FileUploadError({
      message: `S3 refused to start the upload (${describeXmlError(text)})`,
    });
  }
  const uploadId = readXmlElement(text, "UploadId");
  if (!uploadId)
    throw new FileUploadError({
      message: "S3 did not return an UploadId for the multipart upload",
    });
  return uploadId;
}

/** An uploaded S3 part: its number and the ETag S3 returned for it. */
export interface S3UploadedPart {
  partNumber: number;
  etag: string;
}

/** Reads the ETag of a part reply; S3 needs it to assemble the object. */
export function readPartEtag(headers: ReplyHeaders, partNumber: number): string {
  const etag = headers.get("etag");
  if (!etag) {
    throw new FileUploadError({
      message: `S3 returned no ETag for part ${partNumber} (is the bucket's CORS exposing the ETag header?)`,
    });
  }
  return etag;
}

/** Completes an S3 multipart upload; a `200` carrying an `<Error>` document is a failure. */
export async function completeS3MultipartUpload(
  transport: Transport,
  plan: MultipartUploadInfo,
  parts: readonly S3UploadedPart[],
  signal?: AbortSignal,
): Promise<void> {
  const ordered = [...parts].sort((left, right) => left.partNumber - right.partNumber);
  const body = `<CompleteMultipartUpload>${ordered
    .map(
      (part) =>
        `<Part><PartNumber>${part.partNumber}</PartNumber><ETag>${escapeXml(part.etag)}</ETag></Part>`,
    )
    .join("")}</CompleteMultipartUpload>`;
  const response = await transport.storage({
    method: "POST",
    url: plan.complete_url,
    headers: { "Content-Type": "application/xml" },
    body,
    signal,
    // Retried like a part: the dev server and S3 refuse or repeat a complete without
    // harm, and the download's hash check guards the rare reply lost after success.
    retry: true,
  });
  const text = response.text ?? "";
  if (isXmlError(text)) {
    throw new FileUploadError({
      message: `S3 failed to complete the upload (${describeXmlError(text)})`,
    });
  }
}
