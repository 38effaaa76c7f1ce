/**
 * The page's half of a key-less upload: sending a file's bytes where its server's
 * plan says, through the same storage runner as every other upload (header and
 * idle timeouts, retries of each part with backoff, progress that never goes
 * backwards). No API call is made: the plan's presigned URLs carry their own
 * credentials.
 */
import { FileUploadError, InvalidArgumentError, LumlError } from "../errors";
import { messageOf } from "../errors/message-of";
import type { ProgressCallback } from "../platform";
import { PartsProgress, PhaseProgress } from "../storage/progress";
import { runBounded } from "../storage/run-bounded";
import { readPartEtag } from "../storage/s3-upload";
import { defaultUploadConcurrency } from "../storage/upload-object";
import type { CallOptions, Transport } from "../transport/transport";
import { checkTransferOptions } from "./transfer-options";
import { TransferSignal, withCallDefaults } from "./transfer-signal";
import { checkUploadPlan, type SentPart, type SentUpload, type UploadPlan } from "./upload-plan";

/** Options of {@link sendUploadPlan}. */
export interface SendUploadPlanOptions extends Pick<CallOptions, "timeout" | "idleTimeout"> {
  /** Parts sent at once for a multipart plan, 1–64. Default 4. */
  concurrency?: number | undefined;
  /** Receives `uploading` progress, summed over parallel parts. */
  onProgress?: ProgressCallback | undefined;
  /** Stops sending; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/**
 * Sends `blob` as `plan` says: one `PUT`, or its parts in parallel (each retried on
 * its own), keeping each part's `ETag`. Resolves with what the server needs to
 * complete the upload. The plan is checked first (shape, parts covering the file),
 * and `blob` must have the planned size.
 *
 * @throws InvalidArgumentError for a malformed plan or a file of another size, before any request.
 * @throws FileUploadError when storage refused or lost the bytes; the record is still
 *   `pending_upload` until the server marks it (`abortUpload`).
 */
export async function sendUploadPlan(
  transport: Transport,
  blob: Blob,
  plan: UploadPlan,
  options: SendUploadPlanOptions = {},
): Promise<SentUpload> {
  const checked = checkUploadPlan(plan);
  if (!(blob instanceof Blob)) {
    throw new InvalidArgumentError({
      argument: "file",
      message: "expected the File or Blob that was prepared",
    });
  }
  if (blob.size !== checked.size) {
    throw new InvalidArgumentError({
      argument: "file",
      message: `the plan is for ${checked.fileName} of ${checked.size} bytes; this file has ${blob.size}`,
    });
  }
  checkTransferOptions(options);
  const concurrency = options.concurrency ?? defaultUploadConcurrency;
  const sender = withCallDefaults(transport, options);
  const transfer = new TransferSignal(options.signal);
  const { signal } = transfer;
  try {
    const progress = new PhaseProgress("uploading", blob.size, transfer.guard(options.onProgress));
    progress.report(0);
    let parts: SentPart[] = [];
    if (checked.single) {
      await sender.storage({
        method: "PUT",
        url: checked.single.url,
        headers: { ...checked.single.headers },
        body: blob,
        signal,
        onUploadProgress: (loaded) => progress.report(loaded),
      });
    } else {
      const partsProgress = new PartsProgress(progress);
      parts = await runBounded(
        checked.multipart.parts,
        concurrency,
        async (part, partSignal): Promise<SentPart> => {
          // A Blob slice, not a stream: a retried attempt reads the bytes again.
          const body = blob.slice(part.start, part.end);
          const response = await sender.storage({
            method: "PUT",
            url: part.url,
            body,
            signal: partSignal,
            onUploadProgress: (loaded) => partsProgress.update(part.partNumber, loaded),
          });
          partsProgress.update(part.partNumber, body.size);
          // Azure names blocks by the id in their URL; only S3 needs the reply's ETag.
          const etag =
            checked.storage === "s3" ? readPartEtag(response.headers, part.partNumber) : null;
          return { partNumber: part.partNumber, etag };
        },
        signal,
      );
      parts.sort((left, right) => left.partNumber - right.partNumber);
    }
    signal.throwIfAborted();
    progress.finish();
    return {
      artifactId: checked.artifactId,
      uploadId: checked.multipart?.uploadId ?? null,
      parts,
    };
  } catch (error) {
    // An abort (the caller's, or a throwing callback's error) rejects with its reason.
    if (signal.aborted) throw signal.reason;
    throw new FileUploadError({
      message: `Sending ${checked.fileName} failed: ${messageOf(error)}. The artifact ${checked.artifactId} is still pending_upload: have the server mark it (artifacts.abortUpload).`,
      fileName: checked.fileName,
      artifactId: checked.artifactId,
      artifactStatus: "pending_upload",
      cause: error,
      isRetryable: LumlError.isInstance(error) ? error.isRetryable : true,
    });
  } finally {
    transfer.dispose();
  }
}
