/**
 * The storage fault suite: what the SDK must do when storage or the API fails,
 * stalls or is cut off, when the caller aborts, when the file changes under an
 * upload, and when an option is wrong. The cases are written once against a
 * `FaultAdapter` and registered by each runtime's runner, so every runtime is
 * tested through the client its users build and the storage path it really takes
 * (node:http in Node and Deno, fetch in Bun and when a `fetch` is given, XHR and
 * fetch in a page).
 *
 * Faults are global to the dev server: cases run one at a time, scope their
 * rules to a fresh file name, and clear them when they end.
 */
import { assert, assertBytesEqual, assertEqual } from "./assert.ts";
import type {
  ProgressEvent,
  StorageKind,
  SuiteArtifact,
  SuiteClientOptions,
  SuiteDownloadResult,
  SuiteSink,
} from "./define-runtime-suite.ts";
import { type DevFaults, devFaults, type FaultRule, partUploadPath } from "./dev-faults.ts";
import type { FaultCaseInfo } from "./fault-results.ts";
import { buildModelArchive, randomBytes, sha256Hex } from "./tar-archive.ts";
import type { TestEnvironment } from "./test-environment.ts";

/** Options of the client a case builds: the user's, with the SDK's timeout knobs. */
export interface FaultClientOptions extends SuiteClientOptions {
  /** Milliseconds to wait for an API reply's headers. */
  timeout?: number;
  /** Milliseconds to wait for a storage reply's headers. */
  storageTimeout?: number;
  /** Milliseconds a request or reply body may go without a byte. */
  idleTimeout?: number;
  maxRetries?: number;
}

/** Options of `artifacts.upload` the cases pass; loosely typed so bad values can be tried. */
export interface FaultUploadOptions {
  name?: unknown;
  fileName?: unknown;
  tags?: unknown;
  onProgress?: unknown;
  signal?: unknown;
  concurrency?: number;
  timeout?: number;
  idleTimeout?: number;
}

/** Options of `artifacts.download` the cases pass. */
export interface FaultDownloadOptions {
  to?: unknown;
  sink?: SuiteSink;
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
  timeout?: number;
  idleTimeout?: number;
}

/** The client surface the fault cases use: the runtime package's `LumlClient`. */
export interface FaultClient {
  setupConfig(options: {
    organization?: string;
    orbit?: string;
    collection?: string;
    signal?: AbortSignal;
  }): Promise<unknown>;
  /** The default collection's id. */
  readonly collection: string | undefined;
  artifacts: {
    upload(input: unknown, options?: FaultUploadOptions): Promise<SuiteArtifact>;
    download(artifactId: string, options?: FaultDownloadOptions): Promise<SuiteDownloadResult>;
    get(idOrName: string): Promise<SuiteArtifact | null>;
    list(options?: { limit?: number }): Promise<{ items: SuiteArtifact[] }>;
    create(body: Record<string, unknown>): Promise<{ artifact: SuiteArtifact }>;
    update(artifactId: string, changes: { status?: string }): Promise<SuiteArtifact>;
    listAll(options?: { search?: string }): AsyncIterable<SuiteArtifact>;
    delete(artifactId: string): Promise<void>;
    /** Marks `pending_upload` records older than `olderThan` ms as `upload_failed`; returns them. */
    cleanupPendingUploads?(options: { olderThan: number }): Promise<SuiteArtifact[]>;
  };
}

/** An error class of the runtime package, checked the way users check it. */
export interface ErrorClass {
  isInstance(value: unknown): boolean;
}

/** The runtime package's error classes the cases recognise. */
export interface FaultErrorClasses {
  LumlError: ErrorClass;
  FileError: ErrorClass;
  FileUploadError: ErrorClass;
  FileDownloadError: ErrorClass;
  APIResponseValidationError: ErrorClass;
  APITimeoutError: ErrorClass;
  ConfigurationError: ErrorClass;
  InvalidArgumentError: ErrorClass;
}

/** Where one download goes, and how to see what it left there. */
export interface DownloadTarget {
  /** `to` for `artifacts.download`, in runtimes that write files. */
  to?: unknown;
  /** `sink` for `artifacts.download`, in runtimes without files. */
  sink?: SuiteSink;
  /** The downloaded bytes. */
  read(result: SuiteDownloadResult): Promise<Uint8Array>;
  /**
   * What the download left at its destination: the entries of its (otherwise
   * empty) folder, or a committed sink. Empty after a failed download.
   */
  leftovers(): Promise<string[]>;
}

/** Synchronous edits of an upload's file on disk, made from a progress callback. */
export interface FileEdits {
  /** Writes `bytes` over the file at `offset`, keeping its size. */
  overwrite(source: unknown, offset: number, bytes: Uint8Array): void;
  /** Cuts the file to `length` bytes. */
  truncate(source: unknown, length: number): void;
}

/** How one runtime plugs into the fault suite. */
export interface FaultAdapter {
  /** Used in artifact names (`node 20`, `deno`…). */
  runtime: string;
  environment: TestEnvironment;
  /** `new LumlClient(options)` from the runtime package's dist. */
  createClient(options: FaultClientOptions): FaultClient;
  /** The runtime package's error classes. */
  errors: FaultErrorClasses;
  /** What a user of this runtime uploads: a path on disk, a `File`… */
  makeSource(bytes: Uint8Array, fileName: string): unknown | Promise<unknown>;
  /** A fresh destination for one download. */
  downloadTarget(fileName: string): Promise<DownloadTarget>;
  /** File edits, in runtimes that upload files from disk; absent elsewhere. */
  files?: FileEdits;
}

/** One registered case: `<storage>: <id>: <title>`. */
export interface FaultCase {
  id: string;
  /** `s3`, `azure`, or `-` for a case that involves no storage. */
  storage: StorageKind | "-";
  /** The runner's test name. */
  name: string;
  /** Why the case cannot apply in this runtime; the runner skips it. */
  notApplicable?: string;
  /** Milliseconds the runner should allow (the case fails on its own a little sooner). */
  timeout: number;
  run(): Promise<void>;
}

const kibibyte = 1024;
const mebibyte = 1024 * kibibyte;
/** One simple PUT (below the suite's 6 MiB multipart threshold). */
const simpleSize = 64 * kibibyte;
/** A simple PUT large enough that a reply cut or stalled half-way is really half-way. */
const downloadSize = 3 * mebibyte;
/** A file one slow GET takes about 3 s to send: twice the idle timeout. */
const slowLinkSize = 768 * kibibyte;
const slowLinkBytesPerSecond = 256 * kibibyte;
/** Two parts of at most 5 MiB. */
const multipartSize = 7 * mebibyte + 12_345;
/** Parts of a `multipartSize` upload. */
const multipartParts = 2;
/** The idle timeout the cases give clients: a stall is noticed after this long. */
const idleTimeout = 1_500;
/** A case that has not settled by then fails (and its faults are cleared). */
const defaultDeadline = 45_000;
/** How much longer than a case's deadline its runner waits. */
const runnerMargin = 15_000;

type StorageSet = "both" | "none";

interface CaseSpec extends FaultCaseInfo {
  storages: StorageSet;
  needsFiles?: boolean;
  /** Milliseconds after which the case fails; default `defaultDeadline`. */
  deadline?: number;
  run(cases: FaultCases): Promise<void>;
}

/** Every case: id, what it checks, and how. */
const catalogue: CaseSpec[] = [
  {
    id: "upload.part-cut-mid-body",
    title: "a part upload cut mid-body is retried; the upload completes",
    does: "The first part PUT is cut half-way (`cut: mid-body`, once). The part is sent again, the record ends `uploaded`, and the bytes downloaded back are the file's.",
    storages: "both",
    run: (cases) => cases.partCutMidBody(),
  },
  {
    id: "upload.part-5xx-past-budget",
    title: "parts failing with 503 past the retry budget reject with FileUploadError",
    does: "Every part PUT answers 503 (`times: 50`), client `maxRetries: 1`. The upload rejects with a `FileUploadError` carrying `artifactId`, within 15 s and at most 2 tries per part; the record ends `upload_failed`.",
    storages: "both",
    run: (cases) => cases.part5xxPastBudget(),
  },
  {
    id: "upload.part-429-retry-after",
    title: "a part answered 429 with Retry-After: 1 is retried after the wait",
    does: "The first part's PUT answers `429` with `Retry-After: 1` (once). The dev server sees that part again no sooner than about a second later (0.8 s, allowing for polling); the record ends `uploaded`.",
    storages: "both",
    run: (cases) => cases.part429RetryAfter(),
  },
  {
    id: "upload.part-request-stall",
    title: "a part upload the server stops reading is timed out and retried",
    does: "The server stops reading the first part's body and never answers (`stall: request`, once); client `idleTimeout: 1500`, `storageTimeout: 600000`. The part times out after the idle timeout (the bytes the socket buffers took count as sent), is sent again, the record ends `uploaded` and the bytes read back equal.",
    storages: "both",
    run: (cases) => cases.putRequestStall(multipartSize, partPath),
  },
  {
    id: "upload.put-request-stall",
    title: "a whole-file PUT the server stops reading is retried after the idle timeout",
    does: "The server stops reading a 3 MiB file's single PUT and never answers (`stall: request`, once); client `idleTimeout: 1500`, `storageTimeout: 600000`. The whole body fits in the socket buffers, so every byte counts as sent: the wait for the reply is then the idle timeout, not the storage timeout. The PUT is sent again, the record ends `uploaded` within 45 s and the bytes read back equal.",
    storages: "both",
    run: (cases) => cases.putRequestStall(downloadSize, objectPath),
  },
  {
    id: "download.stall-mid-body",
    title: "a download reply stalled half-way resumes after the idle timeout",
    does: "The storage GET sends half the body, then nothing (`stall: mid-body`, once); client `idleTimeout: 1500`. The download notices the stall, resumes, and completes with the right bytes.",
    storages: "both",
    run: (cases) => cases.downloadStallOnce(),
  },
  {
    id: "download.stall-persistent",
    title: "a download that keeps stalling rejects with APITimeoutError, nothing left",
    does: "Every storage GET stalls half-way (`times: 20`), `idleTimeout: 1500`, `maxRetries: 1`. The download rejects with `APITimeoutError` (or a `LumlError` caused by one) within 30 s; the destination folder is left empty (no file, no `.part`).",
    storages: "both",
    run: (cases) => cases.downloadStallPersistent(),
  },
  {
    id: "download.per-call-idle-timeout",
    title: "a per-call idleTimeout overrides the client's for that download",
    does: "Client `idleTimeout: 20000`, `download(id, { idleTimeout: 1500 })`, the GET stalls half-way once. The download resumes after the per-call 1.5 s, not the client's 20 s, and completes.",
    storages: "both",
    run: (cases) => cases.downloadPerCallIdleTimeout(),
  },
  {
    id: "download.slow-link",
    title: "a download over a slow link that never pauses is not taken for a stall",
    does: "The storage GET of a 768 KiB file sends at 256 KiB/s (`bytesPerSecond`, about 3 s), client `idleTimeout: 1500`: the reply takes twice the idle timeout, with no gap near it. The download completes with the right bytes from that one GET, no retry or resume.",
    storages: "both",
    run: (cases) => cases.downloadSlowLink(),
  },
  {
    id: "api.stall-after-headers",
    title: "an API reply stalled after its headers is retried",
    does: "The artifact list GET sends its headers, then no body (`stall: after-headers`, once); client `idleTimeout: 1500`. The call times out on the idle body, is retried and returns the list.",
    storages: "none",
    run: (cases) => cases.apiStallOnce(),
  },
  {
    id: "api.stall-persistent",
    title: "an API reply that keeps stalling rejects with APITimeoutError promptly",
    does: "Every list GET stalls after its headers (`times: 20`), `idleTimeout: 1500`, `maxRetries: 1`. The call rejects with `APITimeoutError` within 8 s.",
    storages: "none",
    run: (cases) => cases.apiStallPersistent(),
  },
  {
    id: "abort.during-hashing",
    title: "an abort while hashing rejects with the reason and creates no record",
    does: "The upload is aborted from its first `hashing` progress event. It rejects with the abort reason and no record exists under its name.",
    storages: "none",
    run: (cases) => cases.abortDuringHashing(),
  },
  {
    id: "abort.during-uploading",
    title: "an abort while uploading rejects with the reason; record upload_failed",
    does: "The upload is aborted from its first `uploading` progress event. It rejects with the abort reason; the record ends `upload_failed`.",
    storages: "both",
    run: (cases) => cases.abortDuringUploading(),
  },
  {
    id: "abort.during-commit",
    title: "an abort during the S3 complete / Azure block-list commit; record upload_failed",
    does: "The S3 complete POST / Azure block-list PUT is delayed 4 s; the upload is aborted once storage has it. It rejects with the abort reason within 3 s; the record ends `upload_failed`.",
    storages: "both",
    run: (cases) => cases.abortDuringCommit(),
  },
  {
    id: "abort.during-final-patch",
    title:
      "an abort during the final status PATCH, before the API applied it; record upload_failed",
    does: "The API's status PATCH is delayed 3 s (a request whose connection closes meanwhile is never applied); the upload is aborted once the API has it. It rejects with the abort reason within 3 s, and right then the record is `upload_failed`.",
    storages: "both",
    run: (cases) => cases.abortDuringFinalPatch(),
  },
  {
    id: "upload.create-reply-lost",
    title: "a create whose reply is lost: the record it made is found and marked upload_failed",
    does: "The API applies the create POST, then holds its reply (`bytesPerSecond: 20`, minutes for its body); client `timeout: 1500`. The create times out (a POST is not retried). The upload rejects with a `FileUploadError` whose `artifactId` is the record the create made and whose `artifactStatus` is `upload_failed`, which the record is.",
    storages: "none",
    run: (cases) => cases.createReplyLost(),
  },
  {
    id: "upload.create-timed-out-unmade",
    title: "a create that timed out before the API made anything: FileUploadError, nothing named",
    does: "The API holds the create POST 3 s before handling it (a request whose connection closes meanwhile is never applied); client `timeout: 1500`, `maxRetries: 0`. The upload rejects with a `FileUploadError` with no `artifactId`, whose message says a record may have been created but none was found yet; no record of that name exists.",
    storages: "none",
    run: (cases) => cases.createTimedOutUnmade(),
  },
  {
    id: "config.failed-setup-keeps-defaults",
    title: "a setupConfig that fails or is aborted leaves the working defaults in place",
    does: "`setupConfig({ collection })` with a name no collection has rejects with a `LumlError`; one whose collections lookup is held 3 s is aborted and rejects with the abort reason. After each, `client.collection` is still the seeded collection and an upload lands there.",
    storages: "none",
    run: (cases) => cases.failedSetupKeepsDefaults(),
  },
  {
    id: "abort.during-create",
    title: "an abort while the create's reply is held: the record is marked upload_failed",
    does: "The API applies the create POST, then holds its reply (`bytesPerSecond: 20`); the upload is aborted once the record exists. It rejects with the abort reason within 3 s, and the record is `upload_failed`, not left `pending_upload`.",
    storages: "none",
    run: (cases) => cases.abortDuringCreate(),
  },
  {
    id: "api.create-declined-429",
    title: "a create answered 429 is sent again: uploaded, one record",
    does: "The API answers the create POST with 429 (`Retry-After: 0`) once, before handling it. The POST is sent again (a declined request made nothing); the upload ends `uploaded`, and `artifacts.get` by name finds that one record.",
    storages: "none",
    run: (cases) => cases.createDeclined429(),
  },
  {
    id: "api.repeated-cursor",
    title: "a list whose next cursor repeats: APIResponseValidationError, no endless paging",
    does: "The API answers every list request of a search with an empty page whose `cursor` is always the same. `artifacts.listAll` rejects with an `APIResponseValidationError` after the second request, instead of asking for that page forever.",
    storages: "none",
    run: (cases) => cases.repeatedCursor(),
  },
  {
    id: "delete.confirm-reply-lost",
    title: "a delete whose confirmation applied but whose reply was lost: resolves, record gone",
    does: "The API handles the confirming `DELETE` of the record, then closes the connection before any reply (`cut: after-handling`, once). The confirmation is sent again, finds no record (404), and `artifacts.delete` resolves; the record is gone.",
    storages: "both",
    run: (cases) => cases.deleteConfirmReplyLost(),
  },
  {
    id: "delete.storage-reply-lost",
    title: "a stored object deleted with its reply lost: the delete is retried and resolves",
    does: "The storage deletes the object, then its reply is lost (`cut: after-handling` on the presigned `DELETE`, once). The storage `DELETE` is sent again (S3 answers 204, Azure 404 for an object already gone) and `artifacts.delete` resolves; the record is gone.",
    storages: "both",
    run: (cases) => cases.deleteStorageReplyLost(),
  },
  {
    id: "abort.after-final-patch-applied",
    title: "an abort once the record is uploaded is too late: the upload resolves",
    does: "The API applies the status PATCH, then holds its reply (`bytesPerSecond: 50`, seconds for its body); the upload is aborted once the record reads `uploaded`. It resolves within 3 s with the `uploaded` record, which stays `uploaded`.",
    storages: "none",
    run: (cases) => cases.abortAfterFinalPatchApplied(),
  },
  {
    id: "abort.record-left-pending",
    title: "an abort whose record cannot be marked says it is left pending_upload",
    does: "The API answers every PATCH with 503 (`times: 100`), `maxRetries: 1`; the upload is aborted from its first `uploading` event. It rejects with a `FileUploadError` whose `cause` is the abort reason, whose `artifactStatus` is `pending_upload`, and whose message names the id; the record is `pending_upload`.",
    storages: "none",
    // One status update of 7 tries, with backoff.
    deadline: 60_000,
    run: (cases) => cases.abortRecordLeftPending(),
  },
  {
    id: "final-patch.503-three-times",
    title: "the final status PATCH failing 3 times is retried harder; uploaded",
    does: "The API answers the status PATCH with 503 three times (one more than the default `maxRetries: 2` allows an ordinary call). The upload still ends `uploaded`.",
    storages: "both",
    run: (cases) => cases.finalPatch503ThreeTimes(),
  },
  {
    id: "final-patch.503-persistent",
    title: "a final PATCH that keeps failing says pending_upload; cleanupPendingUploads marks it",
    does: "The API answers every PATCH with 503 (`times: 100`), `maxRetries: 1`. The upload rejects with a `FileUploadError` whose `artifactId` is set and whose message names the id and `pending_upload`. With faults cleared, `artifacts.cleanupPendingUploads({ olderThan: 0 })` returns it and it is then `upload_failed`.",
    storages: "both",
    // Two status updates (uploaded, then upload_failed) of 7 tries each, with backoff.
    deadline: 100_000,
    run: (cases) => cases.finalPatch503Persistent(),
  },
  {
    id: "commit.503-once",
    title: "the S3 complete / Azure block-list commit failing once with 503 is retried",
    does: "The S3 complete POST (`uploadId=` in the query) / Azure block-list PUT (`comp=blocklist`) answers 503 once. It is sent again; the record ends `uploaded` and the bytes read back equal.",
    storages: "both",
    run: (cases) => cases.commit503Once(),
  },
  {
    id: "commit.cut-before-response",
    title: "the S3 complete / Azure block-list commit cut before its reply is retried",
    does: "The connection of the S3 complete POST / Azure block-list PUT is closed before any reply (`cut: before-response`, once). It is sent again; the record ends `uploaded` and the bytes read back equal.",
    storages: "both",
    run: (cases) => cases.commitCutBeforeResponse(),
  },
  {
    id: "download.not-uploaded",
    title:
      "downloading a pending_upload or upload_failed record: FileDownloadError naming the status",
    does: "A record made with `artifacts.create` (`pending_upload`), then marked `upload_failed`, is downloaded. Each time it rejects with a `FileDownloadError` whose message names the status (not a storage `NoSuchKey`), and nothing is left at the destination.",
    storages: "both",
    run: (cases) => cases.downloadNotUploaded(),
  },
  {
    id: "file-changed.edited-simple",
    title: "a file edited in place during a simple PUT: FileError changed, never uploaded",
    does: "From the first `uploading` event, 4 KiB in the middle of the file on disk are overwritten (same size). The upload rejects with a `FileError` of code `changed`; the record ends `upload_failed`.",
    storages: "both",
    needsFiles: true,
    run: (cases) => cases.fileEdited(simpleSize),
  },
  {
    id: "file-changed.edited-multipart",
    title: "a file edited in place during a multipart upload: FileError changed, never uploaded",
    does: "As `file-changed.edited-simple`, for a two-part upload.",
    storages: "both",
    needsFiles: true,
    run: (cases) => cases.fileEdited(multipartSize),
  },
  {
    id: "file-changed.truncated-simple",
    title: "a file truncated during a simple PUT: FileError changed, promptly",
    does: "From the first `uploading` event, the file on disk is cut to half its size. The upload rejects within 10 s (no hang) with a `FileError` of code `changed`; the record ends `upload_failed`.",
    storages: "both",
    needsFiles: true,
    run: (cases) => cases.fileTruncated(simpleSize),
  },
  {
    id: "file-changed.truncated-multipart",
    title: "a file truncated during a multipart upload: FileError changed, promptly",
    does: "As `file-changed.truncated-simple`, for a two-part upload.",
    storages: "both",
    needsFiles: true,
    run: (cases) => cases.fileTruncated(multipartSize),
  },
  {
    id: "input.rejected-before-request",
    title: "bad upload options reject with InvalidArgumentError before any request",
    does: 'A `null` or `42` given as the file (`argument` `"input"`), `fileName: "a/b.fnnx"`, a NUL in `fileName`, a 300-character `fileName`, `onProgress: 5`, `signal: {}`, `tags: "x"`, `name: 5`: each rejects with `InvalidArgumentError` whose `argument` names the option, and no request reaches the API or storage.',
    storages: "none",
    run: (cases) => cases.inputRejectedBeforeRequest(),
  },
  {
    id: "input.misnamed-options",
    title: "misnamed client options and record fields are refused before any request",
    does: '`new LumlClient({ api_key, base_url, … })` throws a `ConfigurationError` that names `apiKey`; `artifacts.create` with a `collection_id` field rejects with an `InvalidArgumentError` that points to the `collectionId` option; an `UploadSource` whose `size` is not its blob\'s rejects with an `InvalidArgumentError` (`argument` `"input.size"`). No request reaches the API or storage.',
    storages: "none",
    run: (cases) => cases.misnamedOptionsRefused(),
  },
  {
    id: "progress.callback-throws",
    title: "an onProgress that throws while uploading: the upload rejects with that error",
    does: "`onProgress` throws on its first `uploading` event past byte 0. The upload rejects with that very error object; the record ends `upload_failed`.",
    storages: "both",
    run: (cases) => cases.progressCallbackThrows(),
  },
];

/** The catalogue as the results files and the table describe it. */
export const faultCatalogue: FaultCaseInfo[] = catalogue.map(({ id, title, does }) => ({
  id,
  title,
  does,
}));

/** The suite's cases for `adapter`: each case for S3 then Azure, or once. */
export function defineFaultSuite(adapter: FaultAdapter): FaultCase[] {
  const faults = devFaults(adapter.environment.baseUrl);
  const byStorage = {
    s3: new FaultCases(adapter, "s3", faults),
    azure: new FaultCases(adapter, "azure", faults),
  };
  return catalogue.flatMap((spec) => {
    const storages: Array<StorageKind | "-"> = spec.storages === "both" ? ["s3", "azure"] : ["-"];
    return storages.map((storage): FaultCase => {
      const cases = byStorage[storage === "-" ? "s3" : storage];
      const notApplicable =
        spec.needsFiles && !adapter.files
          ? "this runtime uploads in-memory Files/Blobs: there is no file on disk to change"
          : undefined;
      const deadline = spec.deadline ?? defaultDeadline;
      return {
        id: spec.id,
        storage,
        name: `${storage === "-" ? "" : `${storage}: `}${spec.id}: ${spec.title}`,
        ...(notApplicable ? { notApplicable } : {}),
        timeout: deadline + runnerMargin,
        run: () => withDeadline(spec.run(cases), deadline, () => faults.clear()),
      };
    });
  });
}

/** A file to upload: its bytes, names, and the runtime's source for it. */
interface TestFile {
  name: string;
  fileName: string;
  bytes: Uint8Array;
  source: unknown;
  hash: string;
}

/** The cases against one storage's seeded collection. */
class FaultCases {
  readonly #adapter: FaultAdapter;
  readonly #kind: StorageKind;
  readonly #faults: DevFaults;

  constructor(adapter: FaultAdapter, kind: StorageKind, faults: DevFaults) {
    this.#adapter = adapter;
    this.#kind = kind;
    this.#faults = faults;
  }

  // ── storage faults on uploads ──────────────────────────────────────────────

  async partCutMidBody(): Promise<void> {
    const client = this.#client();
    const file = await this.#file("cut", multipartSize);
    const rule = await this.#withRule(
      { target: this.#kind, method: "PUT", path: partPath(file), action: { cut: "mid-body" } },
      async (id) => {
        const artifact = await client.artifacts.upload(file.source, { name: file.name });
        return { artifact, rule: await this.#faults.get(id) };
      },
    );
    assertEqual(rule.rule.fired, 1, "times the cut fired");
    assert(
      rule.rule.matched >= multipartParts + 1,
      `the cut part was sent again (${rule.rule.matched} part requests for ${multipartParts} parts)`,
    );
    assertEqual(rule.artifact.status, "uploaded", "status after the cut part");
    await this.#checkStoredBytes(client, rule.artifact, file);
  }

  async part5xxPastBudget(): Promise<void> {
    const { errors } = this.#adapter;
    const client = this.#client({ maxRetries: 1 });
    const file = await this.#file("storm", multipartSize);
    const { outcome, rule } = await this.#withRule(
      {
        target: this.#kind,
        method: "PUT",
        path: partPath(file),
        times: 50,
        action: { status: 503 },
      },
      async (id) => ({
        outcome: await timed(() => client.artifacts.upload(file.source, { name: file.name })),
        rule: await this.#faults.get(id),
      }),
    );
    const error = rejection(outcome, "the upload");
    assert(
      errors.FileUploadError.isInstance(error),
      `rejects with a FileUploadError, got ${describe(error)}`,
    );
    const artifactId = (error as { artifactId?: unknown }).artifactId;
    assert(typeof artifactId === "string" && artifactId !== "", "the error's artifactId is set");
    assert(outcome.ms < 15_000, `settles within 15 s (took ${outcome.ms} ms)`);
    assert(rule.fired >= 2, `a failed part was tried again (${rule.fired} tries)`);
    assert(
      rule.fired <= multipartParts * 2,
      `maxRetries: 1 allows 2 tries per part: ${rule.fired} part requests for ${multipartParts} parts`,
    );
    assertEqual((await client.artifacts.get(artifactId))?.status, "upload_failed", "record status");
  }

  async part429RetryAfter(): Promise<void> {
    const client = this.#client();
    const file = await this.#file("ratelimit", multipartSize);
    const result = await this.#withRule(
      {
        target: this.#kind,
        method: "PUT",
        path: firstPartPath(this.#kind, file),
        action: { status: 429, retryAfter: 1 },
      },
      async (id) => {
        // When the dev server saw the first part's requests: the refused one, then its retry.
        const watching = new AbortController();
        const arrivals = recordArrivals(this.#faults, id, watching.signal);
        const outcome = await timed(() =>
          client.artifacts.upload(file.source, { name: file.name }),
        );
        watching.abort();
        return { outcome, arrivals: await arrivals, rule: await this.#faults.get(id) };
      },
    );
    const artifact = resolution(result.outcome, "the upload");
    assertEqual(result.rule.fired, 1, "times the 429 fired");
    assert(
      result.rule.matched >= 2 && result.arrivals.length >= 2,
      `the refused part was sent again (${result.rule.matched} requests for it)`,
    );
    const [refused, retried] = result.arrivals as [number, number];
    assert(
      retried - refused >= 800,
      `the retry waited for Retry-After: 1 (it came ${retried - refused} ms after the 429)`,
    );
    assertEqual(artifact.status, "uploaded", "status after the 429");
  }

  /** A storage PUT of `size` bytes (matched by `path`) the server stops reading, once. */
  async putRequestStall(size: number, path: (file: TestFile) => string): Promise<void> {
    // The storage timeout stays the default 10 minutes: the idle timeout must be what fires.
    const client = this.#client({ idleTimeout, storageTimeout: 600_000 });
    const file = await this.#file("reqstall", size);
    const requests = size === multipartSize ? multipartParts : 1;
    const result = await this.#withRule(
      { target: this.#kind, method: "PUT", path: path(file), action: { stall: "request" } },
      async (id) => {
        const outcome = await timed(() =>
          client.artifacts.upload(file.source, { name: file.name }),
        );
        return { outcome, rule: await this.#faults.get(id) };
      },
    );
    const artifact = resolution(result.outcome, "the upload");
    assertEqual(result.rule.fired, 1, "times the stall fired");
    assert(
      result.rule.matched >= requests + 1,
      `the stalled request was sent again (${result.rule.matched} PUTs)`,
    );
    assert(
      result.outcome.ms >= idleTimeout * 0.8,
      `a timeout expired before the retry (the upload took ${result.outcome.ms} ms)`,
    );
    assertEqual(artifact.status, "uploaded", "status after the stalled PUT");
    await this.#checkStoredBytes(client, artifact, file);
  }

  // ── storage faults on downloads ────────────────────────────────────────────

  async downloadStallOnce(): Promise<void> {
    const file = await this.#file("dlstall", downloadSize);
    const artifact = await this.#client().artifacts.upload(file.source, { name: file.name });
    const client = this.#client({ idleTimeout });
    const target = await this.#adapter.downloadTarget(file.fileName);
    const result = await this.#withRule(
      { target: this.#kind, method: "GET", path: objectPath(file), action: { stall: "mid-body" } },
      async (id) => {
        const outcome = await timed(() =>
          client.artifacts.download(artifact.id, { to: target.to, sink: target.sink }),
        );
        return { outcome, rule: await this.#faults.get(id) };
      },
    );
    const downloaded = resolution(result.outcome, "the download");
    assertEqual(result.rule.fired, 1, "times the stall fired");
    assert(result.rule.matched >= 2, `the download resumed (${result.rule.matched} GETs)`);
    assert(
      result.outcome.ms >= idleTimeout * 0.8,
      `the stall was waited out for idleTimeout (the download took ${result.outcome.ms} ms)`,
    );
    assert(result.outcome.ms < 15_000, `completes within 15 s (took ${result.outcome.ms} ms)`);
    assertBytesEqual(await target.read(downloaded), file.bytes, "downloaded bytes");
  }

  async downloadStallPersistent(): Promise<void> {
    const { errors } = this.#adapter;
    const file = await this.#file("dlstalls", downloadSize);
    const artifact = await this.#client().artifacts.upload(file.source, { name: file.name });
    const client = this.#client({ idleTimeout, maxRetries: 1 });
    const target = await this.#adapter.downloadTarget(file.fileName);
    const outcome = await this.#withRule(
      {
        target: this.#kind,
        method: "GET",
        path: objectPath(file),
        times: 20,
        action: { stall: "mid-body" },
      },
      () =>
        timed(() => client.artifacts.download(artifact.id, { to: target.to, sink: target.sink })),
    );
    const error = rejection(outcome, "the download");
    assert(
      errors.APITimeoutError.isInstance(error) ||
        (errors.LumlError.isInstance(error) && causedBy(error, errors.APITimeoutError)),
      `rejects with an APITimeoutError (or a LumlError caused by one), got ${describe(error)}`,
    );
    assert(outcome.ms < 30_000, `rejects within 30 s (took ${outcome.ms} ms)`);
    assertEqual(await target.leftovers(), [], "what the failed download left at its destination");
  }

  async downloadPerCallIdleTimeout(): Promise<void> {
    const file = await this.#file("dlcall", downloadSize);
    const artifact = await this.#client().artifacts.upload(file.source, { name: file.name });
    const client = this.#client({ idleTimeout: 20_000 });
    const target = await this.#adapter.downloadTarget(file.fileName);
    const result = await this.#withRule(
      { target: this.#kind, method: "GET", path: objectPath(file), action: { stall: "mid-body" } },
      async (id) => {
        const outcome = await timed(() =>
          client.artifacts.download(artifact.id, {
            to: target.to,
            sink: target.sink,
            idleTimeout,
          }),
        );
        return { outcome, rule: await this.#faults.get(id) };
      },
    );
    const downloaded = resolution(result.outcome, "the download");
    assertEqual(result.rule.fired, 1, "times the stall fired");
    assert(result.rule.matched >= 2, `the download resumed (${result.rule.matched} GETs)`);
    assert(
      result.outcome.ms < 10_000,
      `the per-call idleTimeout (1.5 s) applied, not the client's 20 s (took ${result.outcome.ms} ms)`,
    );
    assertBytesEqual(await target.read(downloaded), file.bytes, "downloaded bytes");
  }

  async downloadSlowLink(): Promise<void> {
    const file = await this.#file("dlslow", slowLinkSize);
    const artifact = await this.#client().artifacts.upload(file.source, { name: file.name });
    const client = this.#client({ idleTimeout });
    const target = await this.#adapter.downloadTarget(file.fileName);
    const result = await this.#withRule(
      {
        target: this.#kind,
        method: "GET",
        path: objectPath(file),
        times: 10,
        action: { bytesPerSecond: slowLinkBytesPerSecond },
      },
      async (id) => {
        const outcome = await timed(() =>
          client.artifacts.download(artifact.id, { to: target.to, sink: target.sink }),
        );
        return { outcome, rule: await this.#faults.get(id) };
      },
    );
    const downloaded = resolution(result.outcome, "the download");
    assertEqual(result.rule.matched, 1, "storage GETs (no retry, no resume)");
    assert(
      result.outcome.ms >= idleTimeout * 1.5,
      `the link was slower than the idle timeout (the download took ${result.outcome.ms} ms)`,
    );
    assertBytesEqual(await target.read(downloaded), file.bytes, "downloaded bytes");
  }

  // ── API faults ─────────────────────────────────────────────────────────────

  async apiStallOnce(): Promise<void> {
    const client = this.#client({ idleTimeout });
    await client.artifacts.list({ limit: 1 }); // resolves the defaults before the fault
    const result = await this.#withRule(
      { target: "api", method: "GET", path: listPath, action: { stall: "after-headers" } },
      async (id) => {
        const outcome = await timed(() => client.artifacts.list({ limit: 5 }));
        return { outcome, rule: await this.#faults.get(id) };
      },
    );
    const page = resolution(result.outcome, "the list call");
    assert(Array.isArray(page.items), "the list call returns a page");
    assertEqual(result.rule.fired, 1, "times the stall fired");
    assertEqual(result.rule.matched, 2, "list requests (the stalled one and its retry)");
    assert(
      result.outcome.ms >= idleTimeout * 0.8,
      `the stalled body was waited out for idleTimeout (took ${result.outcome.ms} ms)`,
    );
  }

  async apiStallPersistent(): Promise<void> {
    const { errors } = this.#adapter;
    const client = this.#client({ idleTimeout, maxRetries: 1 });
    await client.artifacts.list({ limit: 1 });
    const outcome = await this.#withRule(
      {
        target: "api",
        method: "GET",
        path: listPath,
        times: 20,
        action: { stall: "after-headers" },
      },
      () => timed(() => client.artifacts.list({ limit: 5 })),
    );
    const error = rejection(outcome, "the list call");
    assert(
      errors.APITimeoutError.isInstance(error),
      `rejects with an APITimeoutError, got ${describe(error)}`,
    );
    assert(outcome.ms < 8_000, `rejects within 8 s (took ${outcome.ms} ms)`);
  }

  // ── aborts ─────────────────────────────────────────────────────────────────

  async abortDuringHashing(): Promise<void> {
    const client = this.#client();
    const file = await this.#file("aborthash", multipartSize);
    const controller = new AbortController();
    const reason = new Error("stopped while hashing");
    let hashingSeen = false;
    const outcome = await timed(() =>
      client.artifacts.upload(file.source, {
        name: file.name,
        signal: controller.signal,
        onProgress: (event: ProgressEvent) => {
          if (event.phase !== "hashing" || hashingSeen) return;
          hashingSeen = true;
          controller.abort(reason);
        },
      }),
    );
    assert(hashingSeen, "hashing progress was reported");
    const error = rejection(outcome, "the upload");
    assert(error === reason, `rejects with the abort reason, got ${describe(error)}`);
    assertEqual(await client.artifacts.get(file.name), null, "record after an abort while hashing");
  }

  async abortDuringUploading(): Promise<void> {
    const client = this.#client();
    const file = await this.#file("abortup", multipartSize);
    const controller = new AbortController();
    const reason = new Error("stopped while uploading");
    let uploadingSeen = false;
    const outcome = await timed(() =>
      client.artifacts.upload(file.source, {
        name: file.name,
        signal: controller.signal,
        onProgress: (event: ProgressEvent) => {
          if (event.phase !== "uploading" || uploadingSeen) return;
          uploadingSeen = true;
          controller.abort(reason);
        },
      }),
    );
    assert(uploadingSeen, "uploading progress was reported");
    const error = rejection(outcome, "the upload");
    assert(error === reason, `rejects with the abort reason, got ${describe(error)}`);
    assertEqual((await client.artifacts.get(file.name))?.status, "upload_failed", "record status");
  }

  async abortDuringCommit(): Promise<void> {
    const client = this.#client();
    const file = await this.#file("abortcommit", multipartSize);
    await this.#abortWhileHeld(client, file, {
      target: this.#kind,
      ...commitRequest(this.#kind, file),
      action: { delayMs: 4_000 },
    });
    assertEqual((await client.artifacts.get(file.name))?.status, "upload_failed", "record status");
  }

  async abortDuringFinalPatch(): Promise<void> {
    const client = this.#client();
    const file = await this.#file("abortpatch", simpleSize);
    await this.#abortWhileHeld(client, file, {
      target: "api",
      method: "PATCH",
      path: artifactRecordPath,
      action: { delayMs: 3_000 },
    });
    assertEqual((await client.artifacts.get(file.name))?.status, "upload_failed", "record status");
  }

  async createReplyLost(): Promise<void> {
    const { client, file, error } = await this.#createFailure(
      "createlost",
      { timeout: 1_500 },
      { bytesPerSecond: 20 },
    );
    const { artifactId, artifactStatus } = error as {
      artifactId?: string;
      artifactStatus?: string;
    };
    const record = await client.artifacts.get(file.name);
    assert(record !== null, "the create made a record");
    assertEqual(artifactId, record?.id, "the error's artifactId");
    assertEqual(artifactStatus, "upload_failed", "the error's artifactStatus");
    assertEqual(record?.status, "upload_failed", "record status");
  }

  async createTimedOutUnmade(): Promise<void> {
    const { client, file, error } = await this.#createFailure(
      "createunmade",
      { timeout: 1_500, maxRetries: 0 },
      { delayMs: 3_000 },
    );
    assertEqual(
      (error as { artifactId?: unknown }).artifactId,
      undefined,
      "the error's artifactId",
    );
    const message = (error as Error).message;
    assert(/may have been created .* none was found yet/.test(message), `the message: ${message}`);
    assertEqual(await client.artifacts.get(file.name), null, "a record of that name");
  }

  async failedSetupKeepsDefaults(): Promise<void> {
    const { errors } = this.#adapter;
    const client = this.#client();
    const file = await this.#file("setup", simpleSize);
    const { seeded } = this.#adapter.environment;
    const collection = seeded.collections[this.#kind].id;
    const scope = { organization: seeded.organization.id, orbit: seeded.orbits[this.#kind].id };
    await client.artifacts.list({ limit: 1 }); // the defaults in use
    const missing = await timed(() =>
      client.setupConfig({ ...scope, collection: `${file.name}-none` }),
    );
    const missingError = rejection(missing, "setupConfig of a missing collection");
    assert(errors.LumlError.isInstance(missingError), `a LumlError, got ${describe(missingError)}`);
    assertEqual(client.collection, collection, "the default collection after a failed setupConfig");

    const controller = new AbortController();
    const reason = new Error("setup aborted by the case");
    const held: FaultRule = {
      target: "api",
      method: "GET",
      path: "/collections\\?",
      action: { delayMs: 3_000 },
    };
    const aborted = await this.#withRule(held, async (id) => {
      const setup = timed(() =>
        client.setupConfig({
          ...scope,
          collection: `${file.name}-held`,
          signal: controller.signal,
        }),
      );
      await waitForMatch(this.#faults, id, AbortSignal.timeout(10_000));
      controller.abort(reason);
      return setup;
    });
    assert(rejection(aborted, "the aborted setupConfig") === reason, "rejects with the reason");
    assertEqual(
      client.collection,
      collection,
      "the default collection after an aborted setupConfig",
    );

    const artifact = await client.artifacts.upload(file.source, { name: file.name });
    assertEqual(artifact.collection_id, collection, "the collection the upload landed in");
  }

  async abortDuringCreate(): Promise<void> {
    const client = this.#client();
    const file = await this.#file("abortcreate", simpleSize);
    const rule: FaultRule = {
      target: "api",
      method: "POST",
      path: createPath,
      action: { bytesPerSecond: 20 },
    };
    const created = async () => (await client.artifacts.get(file.name)) !== null;
    await this.#abortWhileHeld(client, file, rule, created);
    assertEqual((await client.artifacts.get(file.name))?.status, "upload_failed", "record status");
  }

  async abortAfterFinalPatchApplied(): Promise<void> {
    const client = this.#client();
    const file = await this.#file("abortlate", simpleSize);
    const rule: FaultRule = {
      target: "api",
      method: "PATCH",
      path: artifactRecordPath,
      action: { bytesPerSecond: 50 },
    };
    // Abort only once the API applied the update whose reply it holds.
    const applied = async () => (await client.artifacts.get(file.name))?.status === "uploaded";
    const reason = new Error("stopped too late");
    const { outcome, abortedAt } = await this.#uploadAbortedWhen(
      client,
      file,
      rule,
      reason,
      applied,
    );
    assert(abortedAt > 0, "the record was uploaded while its reply was held, and then aborted");
    const artifact = resolution(outcome, "the upload aborted after its record was uploaded");
    assertEqual(artifact.status, "uploaded", "status returned by the upload");
    const late = outcome.endedAt - abortedAt;
    assert(late < 3_000, `resolves promptly after the abort (took ${late} ms)`);
    assertEqual((await client.artifacts.get(artifact.id))?.status, "uploaded", "record status");
  }

  async abortRecordLeftPending(): Promise<void> {
    const { errors } = this.#adapter;
    const client = this.#client({ maxRetries: 1 });
    const file = await this.#file("abortpending", multipartSize);
    const controller = new AbortController();
    const reason = new Error("stopped while the API is down");
    const outcome = await this.#withRule(statusPatch503(100), () =>
      timed(() =>
        client.artifacts.upload(file.source, {
          name: file.name,
          signal: controller.signal,
          onProgress: (event: ProgressEvent) => {
            if (event.phase === "uploading") controller.abort(reason);
          },
        }),
      ),
    );
    const error = rejection(outcome, "the upload");
    assert(
      errors.FileUploadError.isInstance(error),
      `rejects with a FileUploadError, got ${describe(error)}`,
    );
    const { cause, artifactId, artifactStatus, message } = error as Error & {
      artifactId?: unknown;
      artifactStatus?: unknown;
    };
    assert(cause === reason, `its cause is the abort reason, got ${describe(cause)}`);
    assertEqual(artifactStatus, "pending_upload", "the error's artifactStatus");
    assert(
      typeof artifactId === "string" && message.includes(artifactId),
      `names the id: ${message}`,
    );
    assertEqual((await client.artifacts.get(file.name))?.status, "pending_upload", "record status");
  }

  // ── the final status PATCH ─────────────────────────────────────────────────

  async finalPatch503ThreeTimes(): Promise<void> {
    const client = this.#client();
    const file = await this.#file("patch3", simpleSize);
    const result = await this.#withRule(statusPatch503(3), async (id) => {
      const outcome = await timed(() => client.artifacts.upload(file.source, { name: file.name }));
      return { outcome, rule: await this.#faults.get(id) };
    });
    const artifact = resolution(result.outcome, "the upload");
    assertEqual(result.rule.fired, 3, "times the 503 fired");
    assertEqual(artifact.status, "uploaded", "status returned by the upload");
    assertEqual((await client.artifacts.get(artifact.id))?.status, "uploaded", "record status");
  }

  async finalPatch503Persistent(): Promise<void> {
    const { errors } = this.#adapter;
    const client = this.#client({ maxRetries: 1 });
    const file = await this.#file("patchdown", simpleSize);
    const outcome = await this.#withRule(statusPatch503(100), () =>
      timed(() => client.artifacts.upload(file.source, { name: file.name })),
    );
    const error = rejection(outcome, "the upload");
    assert(
      errors.FileUploadError.isInstance(error),
      `rejects with a FileUploadError, got ${describe(error)}`,
    );
    const artifactId = (error as { artifactId?: unknown }).artifactId;
    assert(typeof artifactId === "string" && artifactId !== "", "the error's artifactId is set");
    const message = (error as Error).message;
    assert(message.includes(artifactId), `the message names the artifact id: ${message}`);
    assert(message.includes("pending_upload"), `the message says pending_upload: ${message}`);
    assertEqual(
      (await client.artifacts.get(artifactId))?.status,
      "pending_upload",
      "record status while the API refused every PATCH",
    );

    const cleanup = client.artifacts.cleanupPendingUploads;
    assert(typeof cleanup === "function", "artifacts.cleanupPendingUploads exists");
    const cleaned = await cleanup.call(client.artifacts, { olderThan: 0 });
    assert(
      Array.isArray(cleaned) && cleaned.some((artifact) => artifact.id === artifactId),
      `cleanupPendingUploads returns the stuck record (returned ${JSON.stringify(cleaned?.map?.((artifact) => artifact.id))})`,
    );
    assertEqual((await client.artifacts.get(artifactId))?.status, "upload_failed", "after cleanup");
  }

  // ── the storage commit ─────────────────────────────────────────────────────

  async commit503Once(): Promise<void> {
    await this.#commitFaultOnce("commit503", { status: 503 });
  }

  async commitCutBeforeResponse(): Promise<void> {
    await this.#commitFaultOnce("commitcut", { cut: "before-response" });
  }

  // ── API replies that are declined, repeated or lost ───────────────────────

  async createDeclined429(): Promise<void> {
    const client = this.#client();
    const file = await this.#file("create429", simpleSize);
    const rule: FaultRule = {
      target: "api",
      method: "POST",
      path: createPath,
      action: { status: 429, retryAfter: 0 },
    };
    const result = await this.#withRule(rule, async (id) => {
      const outcome = await timed(() => client.artifacts.upload(file.source, { name: file.name }));
      return { outcome, rule: await this.#faults.get(id) };
    });
    const artifact = resolution(result.outcome, "the upload");
    assertEqual(result.rule.fired, 1, "times the 429 fired");
    assertEqual(result.rule.matched, 2, "create requests");
    assertEqual(artifact.status, "uploaded", "status returned by the upload");
    assertEqual((await client.artifacts.get(file.name))?.id, artifact.id, "the record by name");
  }

  async repeatedCursor(): Promise<void> {
    const { errors } = this.#adapter;
    const client = this.#client();
    const search = `rf-cursor-${Math.random().toString(36).slice(2, 8)}`;
    const page = JSON.stringify({ items: [], cursor: "WyJzYW1lIl0" });
    const rule: FaultRule = {
      target: "api",
      method: "GET",
      path: `${listPath}.*search=${search}`,
      times: 1_000,
      action: { status: 200, body: page },
    };
    const result = await this.#withRule(rule, async (id) => {
      const outcome = await timed(async () => {
        for await (const _artifact of client.artifacts.listAll({ search })) {
          // Every page is empty: only the cursor moves (or does not).
        }
      });
      return { outcome, rule: await this.#faults.get(id) };
    });
    const error = rejection(result.outcome, "listAll");
    assert(
      errors.APIResponseValidationError.isInstance(error),
      `rejects with an APIResponseValidationError, got ${describe(error)}`,
    );
    assertEqual(result.rule.matched, 2, "list requests");
  }

  async deleteConfirmReplyLost(): Promise<void> {
    await this.#deleteWithReplyLost("confirmlost", {
      target: "api",
      method: "DELETE",
      path: artifactRecordPath,
      action: { cut: "after-handling" },
    });
  }

  async deleteStorageReplyLost(): Promise<void> {
    await this.#deleteWithReplyLost("storagelost", (file) => ({
      target: this.#kind,
      method: "DELETE",
      path: objectPath(file),
      action: { cut: "after-handling" },
    }));
  }

  /** Uploads a file, deletes it while `rule` loses one reply, and checks the record is gone. */
  async #deleteWithReplyLost(
    label: string,
    rule: FaultRule | ((file: TestFile) => FaultRule),
  ): Promise<void> {
    const client = this.#client();
    const file = await this.#file(label, simpleSize);
    const artifact = await client.artifacts.upload(file.source, { name: file.name });
    const result = await this.#withRule(
      typeof rule === "function" ? rule(file) : rule,
      async (id) => {
        const outcome = await timed(() => client.artifacts.delete(artifact.id));
        return { outcome, rule: await this.#faults.get(id) };
      },
    );
    resolution(result.outcome, "the delete");
    assertEqual(result.rule.fired, 1, "times the reply was lost");
    assertEqual(result.rule.matched, 2, "requests the lost reply's step made");
    assertEqual(await client.artifacts.get(artifact.id), null, "the record after the delete");
  }

  // ── records that are not uploaded ──────────────────────────────────────────

  async downloadNotUploaded(): Promise<void> {
    const client = this.#client();
    const file = await this.#file("notup", simpleSize);
    const { artifact } = await client.artifacts.create(recordBody(file));
    assertEqual(artifact.status, "pending_upload", "status of the created record");
    await this.#expectRefusedDownload(client, artifact.id, file, "pending_upload");
    await client.artifacts.update(artifact.id, { status: "upload_failed" });
    await this.#expectRefusedDownload(client, artifact.id, file, "upload_failed");
  }

  // ── files changed under an upload ──────────────────────────────────────────

  async fileEdited(size: number): Promise<void> {
    const files = this.#requireFiles();
    await this.#changeDuringUpload("edited", size, (source) =>
      files.overwrite(source, Math.floor(size / 2), randomBytes(4 * kibibyte)),
    );
  }

  async fileTruncated(size: number): Promise<void> {
    const files = this.#requireFiles();
    const ms = await this.#changeDuringUpload("truncated", size, (source) =>
      files.truncate(source, Math.floor(size / 2)),
    );
    assert(ms < 10_000, `rejects within 10 s of the truncation (took ${ms} ms)`);
  }

  // ── bad input ──────────────────────────────────────────────────────────────

  async inputRejectedBeforeRequest(): Promise<void> {
    const { errors } = this.#adapter;
    const client = this.#client();
    const file = await this.#file("badinput", simpleSize);
    await client.artifacts.list({ limit: 1 }); // resolves the defaults first
    const inputs: Array<{
      label: string;
      options: FaultUploadOptions;
      argument: string;
      source?: unknown;
    }> = [
      // Not a file at all: every runtime names the first argument.
      { label: "a null file", options: {}, argument: "input", source: null },
      { label: "the number 42 as the file", options: {}, argument: "input", source: 42 },
      { label: 'fileName "a/b.fnnx"', options: { fileName: "a/b.fnnx" }, argument: "fileName" },
      { label: "a NUL in fileName", options: { fileName: "mo\0del.fnnx" }, argument: "fileName" },
      {
        label: "a 300-character fileName",
        options: { fileName: `${"m".repeat(295)}.fnnx` },
        argument: "fileName",
      },
      { label: "onProgress: 5", options: { onProgress: 5 }, argument: "onProgress" },
      { label: "signal: {}", options: { signal: {} }, argument: "signal" },
      { label: 'tags: "x"', options: { tags: "x" }, argument: "tags" },
      { label: "name: 5", options: { name: 5 }, argument: "name" },
    ];
    const problems: string[] = [];
    const requests = await this.#requestsDuring(async () => {
      for (const input of inputs) {
        const outcome = await timed(() =>
          client.artifacts.upload("source" in input ? input.source : file.source, {
            name: file.name,
            ...input.options,
          }),
        );
        if (outcome.ok) {
          problems.push(`${input.label}: the upload resolved`);
          continue;
        }
        const error = outcome.error as { argument?: unknown };
        if (!errors.InvalidArgumentError.isInstance(error)) {
          problems.push(`${input.label}: got ${describe(error)}`);
        } else if (error.argument !== input.argument) {
          problems.push(`${input.label}: argument is ${JSON.stringify(error.argument)}`);
        }
      }
    });
    if (requests > 0) problems.push(`${requests} request(s) were sent for the bad inputs`);
    assert(
      problems.length === 0,
      `expected InvalidArgumentError before any request: ${problems.join("; ")}`,
    );
  }

  async misnamedOptionsRefused(): Promise<void> {
    const { environment, errors } = this.#adapter;
    const client = this.#client();
    const file = await this.#file("misnamed", simpleSize);
    await client.artifacts.list({ limit: 1 }); // resolves the defaults first
    const problems: string[] = [];
    const requests = await this.#requestsDuring(async () => {
      const construction = await timed(async () =>
        this.#adapter.createClient({
          api_key: environment.apiKey,
          base_url: environment.baseUrl,
        } as unknown as FaultClientOptions),
      );
      const constructionError = construction.ok ? undefined : construction.error;
      if (!errors.ConfigurationError.isInstance(constructionError)) {
        problems.push(`the client with api_key: got ${describe(constructionError)}`);
      } else if (!(constructionError as Error).message.includes("apiKey")) {
        problems.push(`the client's error does not name apiKey: ${describe(constructionError)}`);
      }
      const created = await timed(() =>
        client.artifacts.create({ ...recordBody(file), collection_id: "elsewhere" }),
      );
      const createError = created.ok ? undefined : created.error;
      if (!errors.InvalidArgumentError.isInstance(createError)) {
        problems.push(`create with collection_id: got ${describe(createError)}`);
      } else if (!(createError as Error).message.includes("collectionId")) {
        problems.push(`create's error does not point to collectionId: ${describe(createError)}`);
      }
      const source = {
        name: file.fileName,
        size: file.bytes.byteLength + 1,
        blob: new Blob([file.bytes as Uint8Array<ArrayBuffer>]),
      };
      const uploaded = await timed(() => client.artifacts.upload(source, { name: file.name }));
      const uploadError = uploaded.ok ? undefined : uploaded.error;
      if (!errors.InvalidArgumentError.isInstance(uploadError)) {
        problems.push(`an UploadSource one byte too long: got ${describe(uploadError)}`);
      } else if ((uploadError as { argument?: unknown }).argument !== "input.size") {
        const { argument } = uploadError as { argument?: unknown };
        problems.push(`the UploadSource's error has argument ${JSON.stringify(argument)}`);
      }
    });
    if (requests > 0) problems.push(`${requests} request(s) were sent for the misnamed options`);
    assert(problems.length === 0, `expected refusals before any request: ${problems.join("; ")}`);
  }

  // ── progress callbacks ─────────────────────────────────────────────────────

  async progressCallbackThrows(): Promise<void> {
    const client = this.#client();
    const file = await this.#file("cbthrows", multipartSize);
    const thrown = new Error("the progress callback failed");
    let threw = false;
    const outcome = await timed(() =>
      client.artifacts.upload(file.source, {
        name: file.name,
        onProgress: (event: ProgressEvent) => {
          if (event.phase !== "uploading" || event.loaded === 0 || threw) return;
          threw = true;
          throw thrown;
        },
      }),
    );
    assert(threw, "the callback got an uploading event past byte 0 and threw");
    const error = rejection(outcome, "the upload");
    assert(error === thrown, `rejects with the callback's own error, got ${describe(error)}`);
    assertEqual((await client.artifacts.get(file.name))?.status, "upload_failed", "record status");
  }

  // ── helpers ────────────────────────────────────────────────────────────────

  /** Faults the commit request once; the upload still ends `uploaded` with the right bytes. */
  async #commitFaultOnce(label: string, action: FaultRule["action"]): Promise<void> {
    const client = this.#client();
    const file = await this.#file(label, multipartSize);
    const result = await this.#withRule(
      { target: this.#kind, ...commitRequest(this.#kind, file), action },
      async (id) => {
        const outcome = await timed(() =>
          client.artifacts.upload(file.source, { name: file.name }),
        );
        return { outcome, rule: await this.#faults.get(id) };
      },
    );
    const artifact = resolution(result.outcome, "the upload");
    assertEqual(result.rule.fired, 1, "times the commit fault fired");
    assertEqual(result.rule.matched, 2, "commit requests (the failed one and its retry)");
    assertEqual(artifact.status, "uploaded", "status after the failed commit");
    await this.#checkStoredBytes(client, artifact, file);
  }

  /** Holds a request with `rule`, aborts the upload once it is held, checks the rejection. */
  async #abortWhileHeld(
    client: FaultClient,
    file: TestFile,
    rule: FaultRule,
    ready?: () => Promise<boolean>,
  ): Promise<void> {
    const reason = new Error("stopped by the user");
    const { outcome, abortedAt } = await this.#uploadAbortedWhen(client, file, rule, reason, ready);
    assert(abortedAt > 0, "the held request was reached, and the upload aborted");
    const error = rejection(outcome, "the upload");
    assert(error === reason, `rejects with the abort reason, got ${describe(error)}`);
    const late = outcome.endedAt - abortedAt;
    assert(late < 3_000, `rejects promptly after the abort (took ${late} ms)`);
  }

  /**
   * Uploads `file` under `rule` and aborts with `reason` once the rule matched a
   * request and `ready` holds; returns how the upload ended and when it was aborted
   * (0 if it never was).
   */
  async #uploadAbortedWhen(
    client: FaultClient,
    file: TestFile,
    rule: FaultRule,
    reason: Error,
    ready: () => Promise<boolean> = async () => true,
  ): Promise<{ outcome: Timed<SuiteArtifact>; abortedAt: number }> {
    const controller = new AbortController();
    const ruleId = await this.#faults.add(rule);
    let abortedAt = 0;
    const watching = new AbortController();
    const watcher = (async () => {
      if (!(await waitForMatch(this.#faults, ruleId, watching.signal))) return;
      while (!watching.signal.aborted) {
        if (await ready()) {
          abortedAt = Date.now();
          controller.abort(reason);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    try {
      const outcome = await timed(() =>
        client.artifacts.upload(file.source, { name: file.name, signal: controller.signal }),
      );
      return { outcome, abortedAt };
    } finally {
      watching.abort();
      await watcher;
      await this.#faults.clear();
    }
  }

  /** Changes the file from the first `uploading` event; expects FileError `changed`. */
  async #changeDuringUpload(
    label: string,
    size: number,
    change: (source: unknown) => void,
  ): Promise<number> {
    const { errors } = this.#adapter;
    const client = this.#client();
    const file = await this.#file(label, size);
    let changedAt = 0;
    const outcome = await timed(() =>
      client.artifacts.upload(file.source, {
        name: file.name,
        onProgress: (event: ProgressEvent) => {
          if (event.phase !== "uploading" || changedAt !== 0) return;
          change(file.source);
          changedAt = Date.now();
        },
      }),
    );
    assert(changedAt > 0, "uploading progress was reported, and the file changed");
    const error = rejection(outcome, "the upload of a file that changed");
    assert(
      errors.FileError.isInstance(error) && (error as { code?: unknown }).code === "changed",
      `rejects with a FileError of code "changed", got ${describe(error)} (code ${JSON.stringify((error as { code?: unknown })?.code)})`,
    );
    assertEqual((await client.artifacts.get(file.name))?.status, "upload_failed", "record status");
    return outcome.endedAt - changedAt;
  }

  /** Downloads a record that is not `uploaded`; expects a FileDownloadError naming `status`. */
  async #expectRefusedDownload(
    client: FaultClient,
    artifactId: string,
    file: TestFile,
    status: string,
  ): Promise<void> {
    const { errors } = this.#adapter;
    const target = await this.#adapter.downloadTarget(file.fileName);
    const outcome = await timed(() =>
      client.artifacts.download(artifactId, { to: target.to, sink: target.sink }),
    );
    const error = rejection(outcome, `downloading a ${status} record`);
    assert(
      errors.FileDownloadError.isInstance(error),
      `downloading a ${status} record rejects with a FileDownloadError, got ${describe(error)}`,
    );
    const message = (error as Error).message;
    assert(message.includes(status), `the message names the status ${status}: ${message}`);
    assertEqual(await target.leftovers(), [], `what downloading a ${status} record left`);
  }

  /** Adds `rule`, runs `action` with its id, clears every rule whatever happens. */
  /**
   * Uploads a fresh file while `action` holds its create POST, with the client
   * options given; the upload must reject with a `FileUploadError`, returned.
   */
  async #createFailure(
    label: string,
    clientOptions: Partial<FaultClientOptions>,
    action: FaultRule["action"],
  ): Promise<{ client: FaultClient; file: TestFile; error: unknown }> {
    const client = this.#client(clientOptions);
    const file = await this.#file(label, simpleSize);
    const outcome = await this.#withRule(
      { target: "api", method: "POST", path: createPath, action },
      () => timed(() => client.artifacts.upload(file.source, { name: file.name })),
    );
    const error = rejection(outcome, "the upload");
    assert(
      this.#adapter.errors.FileUploadError.isInstance(error),
      `rejects with a FileUploadError, got ${describe(error)}`,
    );
    return { client, file, error };
  }

  /** How many requests reached the API or either storage while `work` ran. */
  async #requestsDuring(work: () => Promise<void>): Promise<number> {
    const everything = (target: FaultRule["target"]): FaultRule => ({
      target,
      path: ".*",
      times: 1_000_000,
      action: { delayMs: 0 },
    });
    const ruleIds = [
      await this.#faults.add(everything("api")),
      await this.#faults.add(everything("s3")),
      await this.#faults.add(everything("azure")),
    ];
    try {
      await work();
      const rules = await this.#faults.list();
      return rules
        .filter((rule) => ruleIds.includes(rule.id))
        .reduce((sum, rule) => sum + rule.matched, 0);
    } finally {
      await this.#faults.clear();
    }
  }

  async #withRule<T>(rule: FaultRule, action: (ruleId: string) => Promise<T>): Promise<T> {
    const id = await this.#faults.add(rule);
    try {
      return await action(id);
    } finally {
      await this.#faults.clear();
    }
  }

  /** Downloads `artifact` (no faults) and compares the bytes with the file's. */
  async #checkStoredBytes(client: FaultClient, artifact: SuiteArtifact, file: TestFile) {
    const target = await this.#adapter.downloadTarget(file.fileName);
    const result = await client.artifacts.download(artifact.id, {
      to: target.to,
      sink: target.sink,
    });
    assertBytesEqual(await target.read(result), file.bytes, "bytes read back");
  }

  #requireFiles(): FileEdits {
    const { files } = this.#adapter;
    if (!files) throw new Error("This runtime has no files to change");
    return files;
  }

  /** A client on this storage's seeded collection, with the suite's small timeouts. */
  #client(overrides: Partial<FaultClientOptions> = {}): FaultClient {
    const { environment } = this.#adapter;
    const { seeded } = environment;
    return this.#adapter.createClient({
      apiKey: environment.apiKey,
      baseUrl: environment.baseUrl,
      organization: seeded.organization.id,
      orbit: seeded.orbits[this.#kind].id,
      collection: seeded.collections[this.#kind].id,
      timeout: 10_000,
      storageTimeout: 10_000,
      idleTimeout: 5_000,
      ...overrides,
    });
  }

  /** A fresh archive of about `size` bytes under a unique name, as this runtime's source. */
  async #file(label: string, size: number): Promise<TestFile> {
    const runtime = this.#adapter.runtime.replace(/[^a-z0-9]+/gi, "");
    const suffix = Math.random().toString(36).slice(2, 8);
    const name = `rf-${runtime}-${this.#kind}-${label}-${suffix}`;
    const fileName = `${name}.fnnx`;
    const bytes = buildModelArchive(size - 3 * 512 - 1024, { F1: Math.random() });
    const source = await this.#adapter.makeSource(bytes, fileName);
    return { name, fileName, bytes, source, hash: await sha256Hex(bytes) };
  }
}

/** The API's list of an orbit's artifacts (it always carries a query). */
const listPath = "/artifacts\\?";
/** One artifact record (the status PATCH's path). */
const artifactRecordPath = "/artifacts/[^/?]+$";
/** The create POST of an artifact record. */
const createPath = "/collections/[^/]+/artifacts$";

/** An `artifacts.create` body for `file` (a model record). */
function recordBody(file: TestFile): Record<string, unknown> {
  return {
    file_name: file.fileName,
    name: file.name,
    manifest: {
      artifact_type: "model",
      variant: "pipeline",
      name: "runtime-fault-suite",
      description: null,
      producer_name: "luml-runtime-suite",
      producer_version: "0.0.0",
      producer_tags: [],
      payload: {},
    },
    file_hash: file.hash,
    file_index: { "manifest.json": [512, 100] },
    size: file.bytes.byteLength,
  };
}

/** The API answering the record's status PATCH with 503, `times` times. */
function statusPatch503(times: number): FaultRule {
  return {
    target: "api",
    method: "PATCH",
    path: artifactRecordPath,
    times,
    action: { status: 503 },
  };
}

/** Any storage request on `file`'s object (the key ends in its file name). */
function objectPath(file: TestFile): string {
  return `${escapeRegExp(file.fileName)}\\?`;
}

/** A part upload of `file`: an S3 part or an Azure block. */
function partPath(file: TestFile): string {
  return `${objectPath(file)}.*${partUploadPath}`;
}

/** The first part upload of `file`: S3 part number 1, Azure block `block-00000001`. */
function firstPartPath(kind: StorageKind, file: TestFile): string {
  return kind === "s3"
    ? `${objectPath(file)}.*[?&]partNumber=1(&|$)`
    : `${objectPath(file)}.*comp=block&blockid=YmxvY2stMDAwMDAwMDE`;
}

/** The request that commits `file`'s parts: S3's complete POST, Azure's block list PUT. */
function commitRequest(kind: StorageKind, file: TestFile): { method: string; path: string } {
  return kind === "s3"
    ? { method: "POST", path: `${objectPath(file)}.*uploadId=` }
    : { method: "PUT", path: `${objectPath(file)}.*comp=blocklist` };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** How a call settled and when. */
type Timed<T> =
  | { ok: true; value: T; ms: number; endedAt: number }
  | { ok: false; error: unknown; ms: number; endedAt: number };

async function timed<T>(call: () => Promise<T>): Promise<Timed<T>> {
  const started = Date.now();
  try {
    const value = await call();
    const endedAt = Date.now();
    return { ok: true, value, ms: endedAt - started, endedAt };
  } catch (error) {
    const endedAt = Date.now();
    return { ok: false, error, ms: endedAt - started, endedAt };
  }
}

/** The error `outcome` rejected with; fails if it resolved. */
function rejection(outcome: Timed<unknown>, what: string): unknown {
  if (outcome.ok) throw new Error(`${what} resolved after ${outcome.ms} ms; expected it to reject`);
  return outcome.error;
}

/** The value `outcome` resolved with; fails (showing the error) if it rejected. */
function resolution<T>(outcome: Timed<T>, what: string): T {
  if (!outcome.ok) {
    throw new Error(`${what} rejected after ${outcome.ms} ms: ${describe(outcome.error)}`, {
      cause: outcome.error,
    });
  }
  return outcome.value;
}

/** Whether an error in `error`'s chain of causes is a `errorClass`. */
function causedBy(error: unknown, errorClass: ErrorClass): boolean {
  let current = (error as { cause?: unknown })?.cause;
  for (let depth = 0; current !== undefined && depth < 8; depth++) {
    if (errorClass.isInstance(current)) return true;
    current = (current as { cause?: unknown })?.cause;
  }
  return false;
}

/** `Name: message` (with causes) for assertion messages. */
function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 3; depth++) {
    parts.push(current instanceof Error ? `${current.name}: ${current.message}` : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(" ← ");
}

/** Polls the rules until `ruleId` matched a request; false if `signal` ends first. */
async function waitForMatch(
  faults: DevFaults,
  ruleId: string,
  signal: AbortSignal,
): Promise<boolean> {
  while (!signal.aborted) {
    const rule = (await faults.list()).find((listed) => listed.id === ruleId);
    if (rule && rule.matched > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

/**
 * Polls rule `ruleId` until `signal` ends and returns when each request it matched
 * arrived (to within the 20 ms polling step).
 */
async function recordArrivals(
  faults: DevFaults,
  ruleId: string,
  signal: AbortSignal,
): Promise<number[]> {
  const arrivals: number[] = [];
  while (!signal.aborted) {
    const rule = (await faults.list()).find((listed) => listed.id === ruleId);
    const now = Date.now();
    while (rule && arrivals.length < rule.matched) arrivals.push(now);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return arrivals;
}

/** `work`, failing after `ms` (then `onTimeout` runs, so a hung case leaves no faults behind). */
async function withDeadline(
  work: Promise<void>,
  ms: number,
  onTimeout: () => Promise<void>,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout().then(
        () => reject(new Error(`the case did not settle within ${ms / 1000} s`)),
        reject,
      );
    }, ms);
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
