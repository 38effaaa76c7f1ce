/**
 * The last step of an upload: the record's status. It is what decides whether a
 * record is left half-done, so it is tried harder than an ordinary call, its outcome
 * is checked against the record when a reply is lost, and when nothing works the
 * error says which record is left and how to clean it up.
 */
import { FileError, type FileErrorCode, FileUploadError, LumlError } from "../errors";
import { messageOf } from "../errors/message-of";
import type { Artifact } from "../models/artifact";
import type { CallOptions } from "../transport/transport";
import type { ArtifactsResource } from "./artifacts";

/** Retries of the final status update: it is idempotent and decides the record's fate. */
export const finalStatusRetries = 6;
/** How long marking a failed upload may take once the upload itself has failed. */
export const failureReportTimeout = 30_000;

/** Which record, and the resource that reads and updates it. */
export interface RecordContext {
  /** Reads the record (`retrieve`) and sets its status (`update`). */
  artifacts: Pick<ArtifactsResource, "retrieve" | "update">;
  /** The record's id. */
  artifactId: string;
  /** The record's collection. */
  collectionId: string;
  /** The uploaded file's name, for messages. */
  fileName: string;
  /** The transfer's own `timeout` and `idleTimeout`, for these calls too. */
  callOptions?: Pick<CallOptions, "timeout" | "idleTimeout">;
}

/**
 * Marks the record `uploaded`. If the update fails for good, the record is read
 * back: a reply lost after the server applied it still counts as done. Otherwise
 * the record is marked `upload_failed` and a `FileUploadError` says so.
 */
export async function markUploaded(
  record: RecordContext,
  signal: AbortSignal | undefined,
): Promise<Artifact> {
  try {
    return await setStatus(record, "uploaded", signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    // The update may have been applied with its reply lost: the record says.
    const current = await readRecord(record).catch(() => undefined);
    if (current?.status === "uploaded") return current;
    throw await failUpload(record, error);
  }
}

/**
 * After an abort that landed while the record was being marked `uploaded`: the
 * server may have applied that update all the same. The record is marked
 * `upload_failed` if it still can be, and the abort's reason thrown; if it is
 * `uploaded` already, the abort came too late to stop anything and the record is
 * returned, so a call never rejects for a file that was stored and recorded.
 */
export async function settleAbortedFinish(
  record: RecordContext,
  reason: unknown,
): Promise<Artifact> {
  const outcome = await markFailed(record);
  if (outcome.record?.status === "uploaded") return outcome.record;
  throw failureError(record, reason, true, outcome);
}

/**
 * Marks the record `upload_failed` after `error`, with its own clock (the caller's
 * signal may be the aborted one that caused the failure), and returns the error to
 * throw: `error` itself when the upload was `aborted` (the caller's reason, as is)
 * and the record was marked, else a `FileUploadError` saying what the record was
 * left as. An abort whose record is left `pending_upload` thus still says so.
 */
export async function failUpload(
  record: RecordContext,
  error: unknown,
  aborted = false,
): Promise<unknown> {
  return failureError(record, error, aborted, await markFailed(record));
}

/** What marking a record `upload_failed` left it as. */
interface MarkOutcome {
  /** The record's status: `pending_upload` when it could not even be read. */
  status: string;
  /** The record as the API last returned it, if it did. */
  record?: Artifact | undefined;
  /** Why marking it failed, if it did. */
  reportError?: unknown;
}

async function markFailed(record: RecordContext): Promise<MarkOutcome> {
  try {
    const marked = await setStatus(
      record,
      "upload_failed",
      AbortSignal.timeout(failureReportTimeout),
    );
    return { status: marked.status, record: marked };
  } catch (reportError) {
    // Refused (already `uploaded`, say) or unreachable: the record says which.
    const current = await readRecord(record).catch(() => undefined);
    return { status: current?.status ?? "pending_upload", record: current, reportError };
  }
}

function failureError(
  record: RecordContext,
  error: unknown,
  aborted: boolean,
  { status, reportError }: MarkOutcome,
): unknown {
  if (aborted && status !== "pending_upload") return error;
  const causeCode = FileError.isInstance(error) ? fileErrorCode(error) : undefined;
  const left =
    status === "pending_upload"
      ? ` The artifact ${record.artifactId} is still pending_upload: marking it upload_failed failed too (${messageOf(reportError)}). Mark it with artifacts.update("${record.artifactId}", { status: "upload_failed" }), or mark every stale one with artifacts.cleanupPendingUploads(), once the API is reachable.`
      : ` The artifact ${record.artifactId} was marked ${status}.`;
  return new FileUploadError({
    message: `${aborted ? `Uploading ${record.fileName} was aborted (${messageOf(error)}).` : `Uploading ${record.fileName} failed: ${sentence(messageOf(error))}`}${left}`,
    fileName: record.fileName,
    artifactId: record.artifactId,
    artifactStatus: status,
    code: causeCode,
    cause: error,
    isRetryable: aborted ? false : LumlError.isInstance(error) ? error.isRetryable : true,
  });
}

/** `text` ending as a sentence does, so the next one does not run into it. */
function sentence(text: string): string {
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}

function setStatus(
  record: RecordContext,
  status: "uploaded" | "upload_failed",
  signal: AbortSignal | undefined,
): Promise<Artifact> {
  return record.artifacts.update(
    record.artifactId,
    { status },
    {
      ...record.callOptions,
      collectionId: record.collectionId,
      signal,
      maxRetries: finalStatusRetries,
    },
  );
}

function readRecord(record: RecordContext): Promise<Artifact> {
  return record.artifacts.retrieve(record.artifactId, {
    ...record.callOptions,
    collectionId: record.collectionId,
    signal: AbortSignal.timeout(failureReportTimeout),
  });
}

function fileErrorCode(error: FileError): FileErrorCode | undefined {
  return error.code === "upload_failed" ? undefined : error.code;
}
