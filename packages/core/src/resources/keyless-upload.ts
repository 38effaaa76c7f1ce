/**
 * The server's half of a key-less upload, for pages that must never hold the API
 * key: `beginUpload` creates the record from what the page prepared and plans
 * where the bytes go; `completeUpload` finishes the upload once the page has sent
 * them; `abortUpload` marks it failed when the page gives up.
 *
 * What the page posts is untrusted. The plan's URLs are never taken back from it:
 * `completeUpload` derives every URL it requests from the API (the record's bucket
 * location and size, the orbit's bucket), so a page can only name which record,
 * which S3 upload of that record's object, and which stored parts (by ETag, which
 * storage checks). The bytes themselves cannot be checked here without
 * downloading them: their size is, and a download checks their sha256.
 */
import { FileUploadError, InvalidArgumentError } from "../errors";
import type { Artifact } from "../models/artifact";
import type { CreatedArtifact } from "../models/upload-details";
import { azureBlockBlobHeaders, commitAzureBlockList } from "../storage/azure-upload";
import { completeS3MultipartUpload, createS3MultipartUpload } from "../storage/s3-upload";
import { storedObjectSize } from "../storage/stored-object-size";
import { checkPartsCoverFile } from "../storage/upload-object";
import type { ArtifactsResource } from "./artifacts";
import { BucketSecretsResource } from "./bucket-secrets";
import { failUpload, markUploaded, type RecordContext, settleAbortedFinish } from "./finish-upload";
import { OrbitsResource } from "./orbits";
import { checkPreparedUpload, type PreparedUpload } from "./prepare-artifact-file";
import type { RequestOptions, ResourceContext } from "./resource-context";
import type { CollectionScope } from "./scope";
import { checkUploadOptions } from "./transfer-options";
import { settleUncertainCreate } from "./uncertain-create";
import {
  type CompleteUploadInput,
  checkCompleteUploadInput,
  type SentPart,
  type UploadPlan,
} from "./upload-plan";
import { requireId } from "./validate";

/** Options of `artifacts.beginUpload`. */
export interface BeginUploadOptions extends RequestOptions {
  /** The artifact's display name. Default: the file name, extension included (`exp.luml`), as `upload` names it. */
  name?: string | undefined;
  /** A description. */
  description?: string | undefined;
  /** Tags to find the artifact by. */
  tags?: string[] | undefined;
  /** The id of the collection to upload to. Default: the client's collection. */
  collectionId?: string | undefined;
}

/** What `artifacts.abortUpload` accepts. */
export interface AbortUploadInput {
  /** The artifact whose upload was given up. */
  artifactId: string;
  /** The id of the record's collection. Default: the client's collection. */
  collectionId?: string | undefined;
}

/** The resources a key-less upload step works through. */
type ArtifactCalls = Pick<
  ArtifactsResource,
  "create" | "scope" | "update" | "retrieve" | "downloadUrl" | "list"
>;

/**
 * Creates the record (`pending_upload`) for a file a page prepared and plans where
 * its bytes go. For an S3 multipart upload the server starts it (`POST ?uploads`)
 * and asks for the part URLs; if that fails, the record is marked `upload_failed`.
 */
export async function beginUpload(
  context: ResourceContext,
  artifacts: ArtifactCalls,
  prepared: PreparedUpload,
  options: BeginUploadOptions = {},
): Promise<UploadPlan> {
  checkUploadOptions(options);
  const file = checkPreparedUpload(prepared);
  const { signal } = options;
  const scope = await artifacts.scope(options.collectionId, signal);
  const name = options.name ?? file.file_name;
  const sentAt = Date.now();
  const created = await artifacts
    .create(
      {
        ...file,
        name,
        description: options.description ?? null,
        tags: options.tags ?? null,
        type: null,
      },
      { collectionId: scope.collectionId, signal },
    )
    .catch(async (error: unknown) => {
      const { file_name, file_hash, size } = file;
      throw await settleUncertainCreate(
        artifacts,
        { name, file_name, file_hash, size, collectionId: scope.collectionId, sentAt },
        signal?.aborted ? signal.reason : error,
        signal?.aborted === true,
      );
    });
  const { artifact } = created;
  const record = recordContext(artifacts, scope, artifact.id, artifact.file_name);
  try {
    return await planUpload(context, created, file.size, signal);
  } catch (error) {
    throw await failUpload(record, signal?.aborted ? signal.reason : error, signal?.aborted);
  }
}

async function planUpload(
  context: ResourceContext,
  { artifact, upload_details: details }: CreatedArtifact,
  size: number,
  signal: AbortSignal | undefined,
): Promise<UploadPlan> {
  const base = {
    artifactId: artifact.id,
    collectionId: artifact.collection_id,
    fileName: artifact.file_name,
    storage: details.type,
    size,
  };
  if (!details.multipart) {
    if (!details.url) {
      throw new FileUploadError({ message: "The upload details carry no URL to upload to" });
    }
    const headers = details.type === "azure" ? { ...azureBlockBlobHeaders } : {};
    return { ...base, single: { url: details.url, headers } };
  }
  let uploadId: string | null = null;
  if (details.type === "s3") {
    if (!details.url) {
      throw new FileUploadError({ message: "The upload details carry no URL to start the upload" });
    }
    // Started here, not by the page: it is a storage POST the page's origin may not
    // be allowed to make, and its reply carries the id the parts belong to.
    uploadId = await createS3MultipartUpload(context.transport, details.url, signal);
  }
  const info = await new BucketSecretsResource(context).getMultipartUploadUrls({
    bucketId: details.bucket_secret_id,
    bucketLocation: details.bucket_location,
    size,
    uploadId,
    signal,
  });
  checkPartsCoverFile(info.parts, size);
  return {
    ...base,
    multipart: {
      uploadId,
      parts: info.parts.map((part) => ({
        partNumber: part.part_number,
        url: part.url,
        start: part.start_byte,
        end: part.end_byte + 1,
      })),
    },
  };
}

/**
 * Completes an upload whose bytes a page sent, from what the API says about it:
 * the record must be `pending_upload` (else nothing changes); a multipart upload is
 * completed on the URL the API presigns for the record's own object (S3 with the
 * page's upload id and ETags, Azure with the block ids of the record's parts); the
 * stored object must have the record's size. Then the record is marked `uploaded`;
 * on any failure after the status check, `upload_failed`.
 */
export async function completeUpload(
  context: ResourceContext,
  artifacts: ArtifactCalls,
  upload: CompleteUploadInput,
  options: RequestOptions = {},
): Promise<Artifact> {
  const input = checkCompleteUploadInput(upload);
  const { signal } = options;
  const scope = await artifacts.scope(input.collectionId, signal);
  const record = await readPendingRecord(artifacts, scope, input.artifactId, signal);
  const target = recordContext(artifacts, scope, record.id, record.file_name);
  try {
    const multipart = input.uploadId !== null || input.parts.length > 0;
    if (multipart) {
      await completeMultipart(context, scope, record, input.uploadId, input.parts, signal);
    }
    const { url } = await artifacts.downloadUrl(record.id, {
      collectionId: scope.collectionId,
      signal,
    });
    const stored = await storedObjectSize(context.transport, url, signal);
    if (stored === undefined) {
      throw new FileUploadError({
        message: `storage did not say how large the stored ${record.file_name} is`,
      });
    }
    if (stored !== record.size) {
      throw new FileUploadError({
        message: `storage holds ${stored} bytes for ${record.file_name}, and the record says ${record.size}`,
      });
    }
    signal?.throwIfAborted();
  } catch (error) {
    throw await failUpload(target, signal?.aborted ? signal.reason : error, signal?.aborted);
  }
  try {
    return await markUploaded(target, signal);
  } catch (error) {
    if (signal?.aborted) return await settleAbortedFinish(target, signal.reason);
    throw error;
  }
}

async function completeMultipart(
  context: ResourceContext,
  scope: CollectionScope,
  record: Artifact,
  uploadId: string | null,
  sent: SentPart[],
  signal: AbortSignal | undefined,
): Promise<void> {
  const orbit = await new OrbitsResource(context).get(scope.orbitId, {
    organizationId: scope.organizationId,
    signal,
  });
  // The parts (and so the block ids) follow from the record's size; the complete
  // URL is presigned for the record's own object.
  const info = await new BucketSecretsResource(context).getMultipartUploadUrls({
    bucketId: orbit.bucket_secret_id,
    bucketLocation: record.bucket_location,
    size: record.size,
    uploadId,
    signal,
  });
  const planned = info.parts.map((part) => part.part_number);
  const given = new Set(sent.map((part) => part.partNumber));
  if (planned.length !== given.size || planned.some((number) => !given.has(number))) {
    throw new FileUploadError({
      message: `the parts reported (${sent.length}) are not the ${planned.length} parts of ${record.file_name}`,
    });
  }
  if (info.type === "azure") {
    if (uploadId !== null) {
      throw new FileUploadError({ message: "an Azure upload has no upload id" });
    }
    await commitAzureBlockList(context.transport, info.complete_url, info.parts, signal);
    return;
  }
  const parts = sent.map((part) => {
    if (!part.etag) {
      throw new FileUploadError({ message: `part ${part.partNumber} has no ETag` });
    }
    return { partNumber: part.partNumber, etag: part.etag };
  });
  // S3 itself checks each ETag against the part stored under this upload id, and the
  // upload id against the object: another object's upload is `NoSuchUpload`.
  await completeS3MultipartUpload(context.transport, info, parts, signal);
}

/**
 * Marks an upload a page gave up on (`upload_failed`) and returns the record. A
 * record already `upload_failed` is returned as it is; any other status than
 * `pending_upload` is left alone and refused.
 */
export async function abortUpload(
  artifacts: ArtifactCalls,
  upload: AbortUploadInput,
  options: RequestOptions = {},
): Promise<Artifact> {
  if (upload === null || typeof upload !== "object") {
    throw new InvalidArgumentError({ argument: "upload", message: "expected { artifactId }" });
  }
  const artifactId = requireId(upload.artifactId, "artifactId");
  const { signal } = options;
  const scope = await artifacts.scope(upload.collectionId, signal);
  const record = await readRecord(artifacts, scope, artifactId, signal);
  if (record.status === "upload_failed") return record;
  refuseUnlessPending(record);
  try {
    return await artifacts.update(
      record.id,
      { status: "upload_failed" },
      { collectionId: scope.collectionId, signal },
    );
  } catch (error) {
    // A reply lost after the server applied the change: the record says.
    const current = await readRecord(artifacts, scope, artifactId, signal).catch(() => undefined);
    if (current?.status === "upload_failed") return current;
    throw error;
  }
}

/** The record, read by id only: a page-supplied value never matches a name. */
function readRecord(
  artifacts: ArtifactCalls,
  scope: CollectionScope,
  artifactId: string,
  signal: AbortSignal | undefined,
): Promise<Artifact> {
  return artifacts.retrieve(artifactId, { collectionId: scope.collectionId, signal });
}

async function readPendingRecord(
  artifacts: ArtifactCalls,
  scope: CollectionScope,
  artifactId: string,
  signal: AbortSignal | undefined,
): Promise<Artifact> {
  const record = await readRecord(artifacts, scope, artifactId, signal);
  refuseUnlessPending(record);
  return record;
}

function refuseUnlessPending(record: Artifact): void {
  if (record.status === "pending_upload") return;
  throw new FileUploadError({
    message: `Artifact ${record.id} (${record.file_name}) is ${record.status}, not pending_upload: it has no upload under way. It was left as it is.`,
    fileName: record.file_name,
    artifactId: record.id,
    artifactStatus: record.status,
    isRetryable: false,
  });
}

function recordContext(
  artifacts: ArtifactCalls,
  scope: CollectionScope,
  artifactId: string,
  fileName: string,
): RecordContext {
  return { artifacts, artifactId, collectionId: scope.collectionId, fileName };
}
