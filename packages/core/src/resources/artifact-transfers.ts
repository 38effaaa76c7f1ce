import {
  ConfigurationError,
  FileDownloadError,
  IntegrityError,
  InvalidArgumentError,
  LumlError,
} from "../errors";
import { messageOf } from "../errors/message-of";
import { sha256HexPattern } from "../hashing/sha256-hex";
import { loadChunk } from "../load-chunk";
import type { Artifact } from "../models";
import type { DownloadSink, Platform, ProgressCallback, UploadSource } from "../platform";
import { downloadObject } from "../storage/download-object";
import { safeFileName } from "../storage/safe-file-name";
import { createStreamSink, isWritableStream } from "../storage/stream-sink";
import { displayText } from "../text/display-text";
import { ArtifactsResource } from "./artifacts";
import { checkOptionNames, optionNames } from "./option-names";
import type { ResourceContext } from "./resource-context";
import { checkTransferOptions, checkUploadOptions } from "./transfer-options";
import { TransferSignal, withCallDefaults } from "./transfer-signal";
import { checkFileUrl, requireArtifactId } from "./validate";

/**
 * What transfers need from the client: the same context as every resource's, since
 * a transfer's API calls are the resources' own methods.
 *
 * @deprecated Use `ResourceContext`.
 */
export type ArtifactTransferContext = ResourceContext;

/**
 * What `artifacts.upload` accepts everywhere: a `Blob`/`File` or an `UploadSource`.
 * Runtime packages add their own (a path in Node, Bun and Deno; a file handle in
 * browsers) through `LumlClient`'s type.
 */
export type UploadInput = Blob | UploadSource;

/** Where `artifacts.download` can save everywhere: a `WritableStream`, or nothing for a `Blob`. */
export type DownloadTarget = WritableStream<Uint8Array>;

/** Options of `artifacts.upload`. */
export interface UploadArtifactOptions {
  /** The artifact's display name. Default: the file name, extension included (`exp.luml`), as the official client names it. */
  name?: string | undefined;
  /** A description. */
  description?: string | undefined;
  /** Tags to find the artifact by. */
  tags?: string[] | undefined;
  /** The id of the collection to upload to. Default: the client's collection. */
  collectionId?: string | undefined;
  /** The file name to record, for a `Blob` that has none (a `File`'s own name is used otherwise). */
  fileName?: string | undefined;
  /** Receives `hashing` then `uploading` progress. */
  onProgress?: ProgressCallback | undefined;
  /**
   * Cancels the upload: the promise rejects with the signal's reason and the
   * artifact is marked `upload_failed`. If it cannot be marked (the API is
   * unreachable), the promise rejects with a `FileUploadError` instead, whose
   * `artifactStatus` is `pending_upload` and whose `cause` is the reason. An abort
   * that comes once the artifact is `uploaded` is too late: the promise resolves.
   */
  signal?: AbortSignal | undefined;
  /** Parts sent at once for a multipart upload. Default 4. */
  concurrency?: number | undefined;
  /**
   * Milliseconds to wait for each reply's headers, for this upload's API and storage
   * requests. Default: the client's `timeout` and `storageTimeout`.
   */
  timeout?: number | undefined;
  /**
   * Milliseconds a request or reply body may go without a byte, for this upload.
   * Default: the client's `idleTimeout`.
   */
  idleTimeout?: number | undefined;
}

/**
 * Uploads an artifact file: checks it (name, size, archive) before any request,
 * hashes and indexes it, creates the record, sends the bytes (in parallel parts
 * for a large file) and marks the record `uploaded`. If anything fails or is
 * aborted once the record exists, it is marked `upload_failed` and the promise
 * rejects with a `FileUploadError` (or the abort reason). An abort that comes once
 * the record is `uploaded` changes nothing: the promise resolves with it.
 *
 * The options are checked here; the rest is a chunk of its own (`send-artifact`),
 * loaded by the first upload: a page that only lists and downloads never ships it.
 */
export async function uploadArtifact(
  context: ResourceContext,
  input: unknown,
  options: UploadArtifactOptions = {},
): Promise<Artifact> {
  checkOptionNames(options, optionNames.upload, "artifacts.upload");
  checkUploadOptions(options);
  const platform = requirePlatform(context, "upload");
  const { sendArtifact } = await loadChunk(() => import("./send-artifact"), "upload");
  return sendArtifact(context, platform, input, options);
}

/** Options of `artifacts.download`; `Target` is what the runtime can save to. */
export interface DownloadArtifactOptions<Target = DownloadTarget> {
  /**
   * Where to save: a file path or a folder (Node, Bun, Deno), a handle (browsers), a
   * `WritableStream` (everywhere). Default: a file named after the artifact in the
   * current folder (Node, Bun, Deno), a `Blob` in `result.blob` (browsers, edge).
   */
  to?: Target | undefined;
  /**
   * A sink to write to instead of `to`. Each chunk given to its `write` is only lent
   * until that write settles: a sink that keeps bytes (a list, a queue) copies them.
   */
  sink?: DownloadSink | undefined;
  /** The id of the artifact's collection. Default: the client's collection. */
  collectionId?: string | undefined;
  /** Receives `downloading` progress. */
  onProgress?: ProgressCallback | undefined;
  /** Cancels the download; nothing is left at the destination. */
  signal?: AbortSignal | undefined;
  /**
   * Ranged GETs in flight at once. Default 1 (one stream, resumed if dropped). Above
   * 1, ranges that arrive ahead of the hash wait in memory: up to about
   * `2 × concurrency × partSize` (64 MiB at 4 and the default part size).
   */
  concurrency?: number | undefined;
  /** Bytes per ranged GET when `concurrency` is above 1: 64 KiB to 64 MiB. Default 8 MiB. */
  partSize?: number | undefined;
  /**
   * Milliseconds to wait for each reply's headers, for this download's API and
   * storage requests. Default: the client's `timeout` and `storageTimeout`.
   */
  timeout?: number | undefined;
  /**
   * Milliseconds the download may go without receiving a byte before the stalled
   * connection is dropped and resumed. Default: the client's `idleTimeout`.
   */
  idleTimeout?: number | undefined;
}

/** A finished download. */
export interface DownloadResult {
  /** Where the file was saved, when the runtime writes files. */
  path: string | undefined;
  /** Bytes written. */
  size: number;
  /** The verified sha256 (hex) of the file. */
  file_hash: string;
  /** The downloaded artifact's record. */
  artifact: Artifact;
  /** The verified file, when the sink keeps it in memory (browsers without `to`). */
  blob?: Blob;
}

/**
 * Downloads an artifact's file, verifying its sha256 against `file_hash` while it
 * streams. A dropped connection is resumed where it stopped. On a mismatch
 * (`IntegrityError`), a failure or an abort, nothing is left at the destination.
 */
export async function downloadArtifact(
  context: ResourceContext,
  artifactOrId: string | Artifact,
  options: DownloadArtifactOptions<unknown> = {},
): Promise<DownloadResult> {
  const record = isDownloadableRecord(artifactOrId) ? artifactOrId : undefined;
  // Checked below (`requireArtifactId`): plain JavaScript may pass anything.
  const artifactId = (
    isRecord(artifactOrId) ? (artifactOrId as { id?: unknown }).id : artifactOrId
  ) as string;
  let platform: Platform;
  try {
    checkOptionNames(options, optionNames.download, "artifacts.download");
    checkDownloadArguments(artifactId, options);
    platform = requirePlatform(context, "download");
  } catch (error) {
    // A stream piped on (a Worker's response) would otherwise wait for bytes forever.
    await endCallersTarget(options, error);
    throw error;
  }
  const artifacts = new ArtifactsResource(context);
  // A stream given as `to` is saved to the same way in every runtime: core wraps it,
  // at once, so it is ended with the error whatever fails, even before the first byte.
  const streamSink = isWritableStream(options.to) ? createStreamSink(options.to) : undefined;
  if (!options.sink && !streamSink && !platform.openSink) {
    throw new ConfigurationError({
      message: "This runtime cannot save files: pass a `sink` to artifacts.download",
    });
  }
  const transfer = new TransferSignal(options.signal);
  const { signal } = transfer;
  // A sink the caller gave is theirs to see ended, whatever fails, even before the first byte.
  let sink: DownloadSink | undefined = options.sink ?? streamSink;
  try {
    const transport = withCallDefaults(context.transport, options);
    const call = {
      timeout: options.timeout,
      idleTimeout: options.idleTimeout,
      collectionId: options.collectionId,
      signal,
    };
    // A record already read (`get`, `downloadStream`) is not read again.
    const artifact = record ?? (await artifacts.retrieve(artifactId, call));
    const fileName = safeFileName(artifact.file_name, artifact.id);
    checkDownloadable(artifact, fileName);
    const { url } = await artifacts.downloadUrl(artifact.id, {
      ...call,
      collectionId: artifact.collection_id,
    });
    sink ??= await (platform.openSink as NonNullable<Platform["openSink"]>)(
      options.to,
      fileName,
      artifact.size,
    );
    const actual = await downloadObject(transport, {
      url,
      size: artifact.size,
      sink,
      sha256: platform.createSha256({ size: artifact.size }),
      // A stream takes bytes in order: one ranged stream, never parallel ranges.
      concurrency: sink.sequential ? 1 : options.concurrency,
      partSize: options.partSize,
      onProgress: transfer.guard(options.onProgress),
      signal,
    });
    // `checkDownloadable` made sure the record holds a sha256.
    const expected = (artifact.file_hash as string).toLowerCase();
    if (actual !== expected) {
      throw new IntegrityError({
        expected,
        actual,
        artifactId: artifact.id,
        fileName,
      });
    }
    await sink.commit();
    return {
      path: sink.path,
      size: artifact.size,
      file_hash: actual,
      artifact,
      ...(sink.blob ? { blob: sink.blob() } : {}),
    };
  } catch (error) {
    const reason = signal.aborted ? signal.reason : error;
    await sink?.abort(reason).catch(() => {});
    if (signal.aborted) throw signal.reason;
    if (LumlError.isInstance(error)) throw error;
    throw new FileDownloadError({
      message: `Downloading artifact ${artifactId} failed: ${messageOf(error)}`,
      artifactId,
      cause: error,
      isRetryable: true,
    });
  } finally {
    transfer.dispose();
  }
}

/** Aborts the stream or sink the caller passed, if any, with `error`. */
async function endCallersTarget(
  options: DownloadArtifactOptions<unknown>,
  error: unknown,
): Promise<void> {
  const to: unknown = options.to;
  // A stream already locked (being written by something else) is left to its writer.
  if (isWritableStream(to) && !to.locked) await to.abort(error).catch(() => {});
  const sink = options.sink as Partial<DownloadSink> | undefined;
  if (typeof sink?.abort === "function") await sink.abort(error)?.catch(() => {});
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** A record holding the sha256 to verify against; any other is read again by id. */
function isDownloadableRecord(value: unknown): value is Artifact {
  return isRecord(value) && typeof value.file_hash === "string" && value.file_hash !== "";
}

function checkDownloadArguments(
  artifactId: unknown,
  options: DownloadArtifactOptions<unknown>,
): void {
  requireArtifactId(artifactId, "artifactId");
  checkTransferOptions(options);
  if (
    options.partSize !== undefined &&
    (!Number.isInteger(options.partSize) ||
      options.partSize < 64 * 1024 ||
      options.partSize > 64 * 1024 * 1024)
  ) {
    throw new InvalidArgumentError({
      argument: "partSize",
      message: "expected an integer from 65536 to 67108864 bytes (64 KiB to 64 MiB)",
    });
  }
  const to: unknown = options.to;
  // What `to` may be depends on the runtime (its sink checks the rest); these never are.
  if (
    to !== undefined &&
    to !== null &&
    (to === "" || (typeof to !== "string" && typeof to !== "object") || Array.isArray(to))
  ) {
    throw new InvalidArgumentError({
      argument: "to",
      message:
        "expected where to save the file: a path or a file: URL (Node, Bun, Deno), a file handle (browsers)",
    });
  }
  checkFileUrl(to, "to");
  const sink = options.sink as Partial<DownloadSink> | undefined;
  if (
    sink !== undefined &&
    (typeof sink !== "object" ||
      sink === null ||
      typeof sink.write !== "function" ||
      typeof sink.commit !== "function" ||
      typeof sink.abort !== "function")
  ) {
    throw new InvalidArgumentError({
      argument: "sink",
      message: "expected a DownloadSink: an object with write, commit and abort methods",
    });
  }
}

/**
 * A record whose upload never finished has no complete file in storage: say so
 * instead of a storage `NoSuchKey`. (Records on their way to deletion may still
 * have theirs; the hash check guards what is read.)
 */
export function checkDownloadable(artifact: Artifact, fileName: string): void {
  if (artifact.status !== "pending_upload" && artifact.status !== "upload_failed") {
    checkVerifiable(artifact, fileName);
    return;
  }
  const why =
    artifact.status === "pending_upload"
      ? "its upload has not finished, or was interrupted (see artifacts.cleanupPendingUploads)"
      : "its upload failed, so storage holds no complete file";
  throw new FileDownloadError({
    message: `Artifact ${artifact.id} (${fileName}) is ${artifact.status}, not uploaded: ${why}.`,
    fileName,
    artifactId: artifact.id,
    isRetryable: false,
  });
}

/**
 * Refuses a record whose `file_hash` is no sha256 (empty, or made up by another
 * client): its bytes could not be verified, and a download never hands over
 * unchecked bytes. Refused before any storage request, not after the whole file.
 */
function checkVerifiable(artifact: Artifact, fileName: string): void {
  const recorded = artifact.file_hash ?? "";
  if (sha256HexPattern.test(recorded)) return;
  const shown = recorded.length > 80 ? `${recorded.slice(0, 80)}…` : recorded;
  throw new FileDownloadError({
    message: `Artifact ${artifact.id} (${fileName}) records no sha256 to verify its file against (file_hash ${displayText(JSON.stringify(shown))}), so it is not downloaded.`,
    fileName,
    artifactId: artifact.id,
    isRetryable: false,
  });
}

/** The runtime's pieces a transfer needs, or a `ConfigurationError` saying which package has them. */
export function requirePlatform(context: ResourceContext, action: string): Platform {
  if (context.platform) return context.platform;
  throw new ConfigurationError({
    message: `Transfers need a runtime package: to ${action} artifacts, import LumlClient from @luml/node, @luml/browser or @luml/deno`,
  });
}
