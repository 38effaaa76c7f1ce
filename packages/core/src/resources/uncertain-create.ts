/**
 * A create whose reply never came (a timeout, a dropped connection, a 5xx, an abort
 * once the request may have left) may still have made its record: the service
 * applied it and the answer was lost. Left alone, that record would stay
 * `pending_upload` with no one told. It is looked up by what the upload sent and
 * marked `upload_failed`, as any record of a failed upload is.
 */
import {
  APIStatusError,
  APITimeoutError,
  ConfigurationError,
  FileError,
  FileUploadError,
  InvalidArgumentError,
} from "../errors";
import { messageOf } from "../errors/message-of";
import { findErrorCode } from "../transport/attempt-failure";
import { type ArtifactsResource, timestampMilliseconds } from "./artifacts";
import { failUpload, failureReportTimeout } from "./finish-upload";

/** What the create sent that tells its record apart. */
export interface SentRecord {
  /** The record's display name. */
  name: string;
  /** The file's name. */
  file_name: string;
  /** The file's sha256. */
  file_hash: string;
  /** The file's size in bytes. */
  size: number;
  /** The collection the create was sent to. */
  collectionId: string | undefined;
  /** When the create was sent, by this machine's clock (`Date.now()`). */
  sentAt: number;
}

/**
 * How far the service's clock may be from this machine's: a record made by the
 * create is looked for from this long before it was sent to this long after now.
 */
const clockSkew = 2 * 60_000;

/**
 * The error to throw after the create of `sent` failed with `error`: `error` itself
 * when the service surely made nothing (it answered below 500, or the call never
 * left), else what marking the record it may have made left (see `failUpload`).
 * Only a record matching everything sent, still `pending_upload` and made while
 * the create was under way, is taken for this upload's; when several match (the
 * same file uploaded under the same name at the same time), none is marked and the
 * error lists them. When none does after a timeout or an abort, the service may
 * still make it: the error says so.
 */
export async function settleUncertainCreate(
  artifacts: Pick<ArtifactsResource, "list" | "retrieve" | "update">,
  sent: SentRecord,
  error: unknown,
  aborted: boolean,
): Promise<unknown> {
  if (!mayHaveCreated(error)) return error;
  let matches: Array<{ id: string; collection_id: string }>;
  try {
    matches = await pendingMatches(artifacts, sent);
  } catch (lookupError) {
    return uncertainError(
      sent,
      error,
      aborted,
      `looking it up failed too (${messageOf(lookupError)})`,
    );
  }
  if (matches.length === 0) {
    // A request the service is still working on may make its record after this look-up.
    if (!aborted && !APITimeoutError.isInstance(error)) return error;
    return uncertainError(sent, error, aborted, "none was found yet");
  }
  if (matches.length > 1) {
    const ids = matches.map((match) => match.id).join(", ");
    return uncertainError(sent, error, aborted, `several pending_upload records match it (${ids})`);
  }
  const [record] = matches as [{ id: string; collection_id: string }];
  return failUpload(
    {
      artifacts,
      artifactId: record.id,
      collectionId: record.collection_id,
      fileName: sent.file_name,
    },
    error,
    aborted,
  );
}

/** Whether the service may have applied a create that failed with `error`. */
function mayHaveCreated(error: unknown): boolean {
  // A status below 500 is the service's answer: it made nothing.
  if (APIStatusError.isInstance(error)) return error.status >= 500;
  // No connection was made: nothing was sent.
  if (notSentCodes.has(findErrorCode(error) ?? "")) return false;
  // Refused before any request.
  return !(
    InvalidArgumentError.isInstance(error) ||
    ConfigurationError.isInstance(error) ||
    FileError.isInstance(error)
  );
}

/** Connection errors that leave no doubt the request never reached a server. */
const notSentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/** The `pending_upload` records of the collection that match everything sent, newest first. */
async function pendingMatches(
  artifacts: Pick<ArtifactsResource, "list">,
  sent: SentRecord,
): Promise<Array<{ id: string; collection_id: string }>> {
  const page = await artifacts.list({
    collectionId: sent.collectionId,
    search: sent.name,
    sortBy: "created_at",
    order: "desc",
    limit: 100,
    signal: AbortSignal.timeout(failureReportTimeout),
  });
  const from = sent.sentAt - clockSkew;
  const to = Date.now() + clockSkew;
  return page.items.filter(
    (item) =>
      item.status === "pending_upload" &&
      timestampMilliseconds(item.created_at) >= from &&
      timestampMilliseconds(item.created_at) <= to &&
      item.name === sent.name &&
      item.file_name === sent.file_name &&
      item.file_hash === sent.file_hash &&
      item.size === sent.size,
  );
}

function uncertainError(
  sent: SentRecord,
  error: unknown,
  aborted: boolean,
  why: string,
): FileUploadError {
  const what = aborted
    ? `Uploading ${sent.file_name} was aborted (${messageOf(error)})`
    : `Uploading ${sent.file_name} failed: ${messageOf(error)}`;
  return new FileUploadError({
    message: `${what}. Its record may have been created before the failure, and ${why}: a record left pending_upload is marked upload_failed by artifacts.cleanupPendingUploads() once the API is reachable.`,
    fileName: sent.file_name,
    cause: error,
    isRetryable: !aborted,
  });
}
