/**
 * The body of `artifacts.upload`, a chunk of its own: loaded by the first upload
 * (before any request of it), so a page that never uploads does not ship it.
 */
import { FileError, FileUploadError } from "../errors";
import type { Artifact } from "../models";
import type { Platform, UploadSource } from "../platform";
import { uploadObject } from "../storage/upload-object";
import type { UploadArtifactOptions } from "./artifact-transfers";
import { ArtifactsResource } from "./artifacts";
import { BucketSecretsResource } from "./bucket-secrets";
import { failUpload, markUploaded, type RecordContext, settleAbortedFinish } from "./finish-upload";
import { prepareArtifactFile } from "./prepare-artifact-file";
import type { ResourceContext } from "./resource-context";
import { TransferSignal, withCallDefaults } from "./transfer-signal";
import { settleUncertainCreate } from "./uncertain-create";

/**
 * `artifacts.upload` once its options are checked: checks the file (name, size,
 * archive) before any request, hashes and indexes it, creates the record, sends
 * the bytes (in parallel parts for a large file) and marks the record `uploaded`. If anything fails or is
 * aborted once the record exists, it is marked `upload_failed` and the promise
 * rejects with a `FileUploadError` (or the abort reason). An abort that comes once
 * the record is `uploaded` changes nothing: the promise resolves with it.
 */
export async function sendArtifact(
  context: ResourceContext,
  platform: Platform,
  input: unknown,
  options: UploadArtifactOptions,
): Promise<Artifact> {
  // Every API call of a transfer is a resource method; storage sees only presigned URLs.
  const artifacts = new ArtifactsResource(context);
  const transfer = new TransferSignal(options.signal);
  const { signal } = transfer;
  try {
    const onProgress = transfer.guard(options.onProgress);
    const transport = withCallDefaults(context.transport, options);
    // The collection, once resolved: a record the create may have made is looked for there.
    let collectionId = options.collectionId;
    const { source, prepared } = await prepareArtifactFile(platform, input, {
      fileName: options.fileName,
      onProgress,
      signal,
      beforeHashing: async () => {
        collectionId = (await artifacts.scope(options.collectionId, signal)).collectionId;
      },
    });
    signal.throwIfAborted();
    const timeouts = { timeout: options.timeout, idleTimeout: options.idleTimeout };
    const name = options.name ?? prepared.file_name;
    const sentAt = Date.now();
    const created = await artifacts
      .create(
        {
          file_name: prepared.file_name,
          name,
          description: options.description ?? null,
          extra_values: prepared.extra_values,
          manifest: prepared.manifest,
          file_hash: prepared.file_hash,
          file_index: prepared.file_index,
          size: prepared.size,
          tags: options.tags ?? null,
          type: null,
        },
        { ...timeouts, collectionId, signal },
      )
      .catch(async (error: unknown) => {
        const { file_name, file_hash, size } = prepared;
        throw await settleUncertainCreate(
          artifacts,
          { name, file_name, file_hash, size, collectionId, sentAt },
          signal.aborted ? signal.reason : error,
          signal.aborted,
        );
      });
    const details = created.upload_details;
    const record: RecordContext = {
      artifacts,
      artifactId: created.artifact.id,
      collectionId: created.artifact.collection_id,
      fileName: source.name,
      callOptions: timeouts,
    };
    try {
      await uploadObject(transport, {
        details,
        blob: source.blob,
        concurrency: options.concurrency,
        onProgress,
        signal,
        partUrls: (uploadId) =>
          new BucketSecretsResource(context).getMultipartUploadUrls({
            ...timeouts,
            bucketId: details.bucket_secret_id,
            bucketLocation: details.bucket_location,
            size: source.blob.size,
            uploadId,
            signal,
          }),
      });
      // Every byte was read and sent: a file edited meanwhile is never `uploaded`.
      await source.check?.();
      signal.throwIfAborted();
    } catch (error) {
      if (signal.aborted) throw await failUpload(record, signal.reason, true);
      // A source that cannot tell mid-read that its file changed (a runtime's native
      // blob, a caller's own UploadSource) still can afterwards: that is the cause.
      throw await failUpload(record, await changedFileOr(source, error));
    }
    try {
      return await markUploaded(record, signal);
    } catch (error) {
      if (signal.aborted) return await settleAbortedFinish(record, signal.reason);
      throw error;
    }
  } catch (error) {
    // An abort (the caller's, or a throwing callback's error) rejects with its reason,
    // unless it left a record pending_upload: that error says so.
    if (signal.aborted && !FileUploadError.isInstance(error)) throw signal.reason;
    throw error;
  } finally {
    transfer.dispose();
  }
}

/** The source's own `changed` error if its file changed, else `error`. */
async function changedFileOr(source: UploadSource, error: unknown): Promise<unknown> {
  if (!source.check || (FileError.isInstance(error) && error.code === "changed")) return error;
  try {
    await source.check();
    return error;
  } catch (changed) {
    return FileError.isInstance(changed) ? changed : error;
  }
}
