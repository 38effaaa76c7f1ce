import { InvalidArgumentError, NotFoundError } from "../errors";
import { loadChunk } from "../load-chunk";
import {
  type Artifact,
  type ArtifactDetails,
  artifactDetailsSchema,
  artifactSchema,
  type ListedArtifact,
  listedArtifactSchema,
} from "../models/artifact";
import { ArtifactStatus, type ArtifactType, SortOrder } from "../models/enums";
import { type Page, pageSchema } from "../models/page";
import { parseResponse } from "../models/parse-response";
import { type CreatedArtifact, createdArtifactSchema } from "../models/upload-details";
import { type UrlResponse, urlResponseSchema } from "../models/url-response";
import type { Platform } from "../platform";
import { deleteStoredObject } from "../storage/delete-stored-object";
import type { HttpMethod, QueryValue, Transport } from "../transport/transport";
import {
  type CreateArtifactBody,
  type UpdateArtifactBody,
  validateCreateBody,
  validateUpdateBody,
} from "./artifact-inputs";
import {
  checkDownloadable,
  type DownloadArtifactOptions,
  type DownloadResult,
  type DownloadTarget,
  downloadArtifact,
  type UploadArtifactOptions,
  type UploadInput,
  uploadArtifact,
} from "./artifact-transfers";
import { CollectionsResource } from "./collections";
import { itemsOfEveryPage } from "./every-page";
import { findArtifact } from "./find-artifact";
import { finalStatusRetries } from "./finish-upload";
import type { AbortUploadInput, BeginUploadOptions } from "./keyless-upload";
import { checkOptionNames, optionNames } from "./option-names";
import type { PreparedUpload } from "./prepare-artifact-file";
import { callOptions, type RequestOptions, type ResourceContext } from "./resource-context";
import { type CollectionScope, collectionPath, orbitPath, resolveCollectionScope } from "./scope";
import { explainUnknownSortKey } from "./unknown-sort-key";
import type { CompleteUploadInput, UploadPlan } from "./upload-plan";
import {
  optionalCursor,
  optionalString,
  requireArtifactId,
  requireId,
  validateArtifactTypes,
  validateLimit,
  validateOrder,
} from "./validate";

/** Options of every artifact call: its collection, and the per-call `RequestOptions`. */
export interface ArtifactRequestOptions extends RequestOptions {
  /** The collection, by id (a UUID); defaults to the client's default collection. */
  collectionId?: string | undefined;
}

/** Options of `artifacts.list`. */
export interface ListArtifactsOptions extends ArtifactRequestOptions {
  /**
   * The previous page's `cursor`; absent for the first page. Not an artifact id
   * (the Python client's `start_after` docs say so, but the service pages by
   * cursor): an id is an `InvalidArgumentError`.
   */
  startAfter?: string | null | undefined;
  /** Page size, 1–100. Default 100. */
  limit?: number | undefined;
  /** `created_at` (default), `name`, `size`, `description`, `status`, `type`, or any metric key. */
  sortBy?: string | undefined;
  /** Sort direction. Default `desc`. */
  order?: SortOrder | undefined;
  /** Only artifacts of these types. */
  types?: ArtifactType[] | undefined;
  /** Case-insensitive substring of the artifact's name. */
  search?: string | undefined;
}

/** Options of `artifacts.cleanupPendingUploads`. */
export interface CleanupPendingUploadsOptions extends ArtifactRequestOptions {
  /**
   * Only records created at least this many milliseconds ago: an upload still
   * running elsewhere is younger than this. Default 3 600 000 (an hour).
   */
  olderThan?: number | undefined;
}

/** What `artifacts.downloadStream` resolves with. */
export interface ArtifactStream {
  /** The artifact's record. */
  artifact: ArtifactDetails;
  /** The file's bytes: ends only once verified; errors on a mismatch or a failure. */
  stream: ReadableStream<Uint8Array>;
  /** Resolves when the download is complete and verified; rejects with its failure. */
  done: Promise<DownloadResult>;
}

/** Options of `artifacts.listAll`. */
export type ListAllArtifactsOptions = Omit<ListArtifactsOptions, "startAfter">;

const listedPageSchema = pageSchema(listedArtifactSchema);

/**
 * Artifacts of a collection: list, read, create, update, delete, upload, download.
 * `Input` is what `upload` accepts and `Target` where `download` saves, as the
 * runtime package's `LumlClient` types them (paths in Node, Bun and Deno; files
 * and handles in browsers; `Blob`s and streams everywhere).
 */
export class ArtifactsResource<Input = UploadInput, Target = DownloadTarget> {
  readonly #context: ResourceContext;

  /** Created by `LumlClient`. */
  constructor(context: ResourceContext) {
    this.#context = context;
  }

  /** The transport this resource (and its transfers) send through. */
  get transport(): Transport {
    return this.#context.transport;
  }

  /** The runtime pieces the client was built with, if any. */
  get platform(): Platform | undefined {
    return this.#context.platform;
  }

  /**
   * The organization, orbit and collection ids a call with `collectionId` works in.
   *
   * @example
   * ```ts
   * const { organizationId, orbitId, collectionId } = await luml.artifacts.scope();
   * ```
   */
  scope(collectionId?: string, signal?: AbortSignal): Promise<CollectionScope> {
    return resolveCollectionScope(this.#context, collectionId, signal);
  }

  /**
   * Uploads an artifact file (a path in Node, Bun and Deno; a `File`/`Blob`
   * anywhere): checks, hashes and indexes it, creates the record, sends the
   * bytes and marks it `uploaded` (or `upload_failed` on any failure).
   *
   * @example
   * ```ts
   * import { LumlClient, progressBar } from "@luml/node"; // or "@luml/deno"
   *
   * const luml = await LumlClient.create({ collection: "Models" });
   * const artifact = await luml.artifacts.upload("model.fnnx", {
   *   name: "churn-model",
   *   tags: ["baseline"],
   *   onProgress: progressBar(),
   * });
   * console.log(artifact.id, artifact.status); // "uploaded"
   * ```
   *
   * In a page, upload the `File` a person picked (`@luml/browser`):
   * ```ts
   * const artifact = await luml.artifacts.upload(input.files[0], { onProgress: bindProgress({ bar }) });
   * ```
   */
  upload(input: Input, options: UploadArtifactOptions = {}): Promise<Artifact> {
    return uploadArtifact(this.#context, input, options);
  }

  /**
   * Starts a key-less upload, on the server that holds the API key: creates the
   * record (`pending_upload`) for a file a page prepared (`prepareUpload` in
   * `@luml/browser`) and returns the plan the page sends its bytes by
   * (`sendUpload`). What the page posted is checked like a file given to `upload`
   * (fields, name, extension, size) and only its prepared fields are used; the
   * name, description, tags and collection are the server's to choose. For an S3
   * multipart upload the server starts it and presigns the parts; if that fails the
   * record is marked `upload_failed`.
   *
   * @example
   * ```ts
   * // POST /uploads, body { prepared } from the page
   * const plan = await luml.artifacts.beginUpload(body.prepared, { tags: ["from-web"] });
   * uploadsOfThisUser.set(plan.artifactId, plan.collectionId); // who may complete it
   * return Response.json(plan);
   * ```
   */
  async beginUpload(
    prepared: PreparedUpload,
    options: BeginUploadOptions = {},
  ): Promise<UploadPlan> {
    checkOptionNames(options, optionNames.beginUpload, "artifacts.beginUpload");
    return (await keylessUpload()).beginUpload(this.#context, this, prepared, options);
  }

  /**
   * Finishes a key-less upload once the page has sent the bytes (`sendUpload`'s
   * result) and returns the `uploaded` artifact. Nothing the page posts is used as
   * a URL: the record (which must be `pending_upload`), its object and size, and
   * the orbit's bucket come from the API; S3 checks the page's upload id and
   * ETags, Azure blocks are named from the record's parts; the stored object must
   * have the record's size. Its contents are not read here (that would mean
   * downloading the file): a download verifies them against the recorded sha256.
   * On any failure after the status check the record is marked `upload_failed`
   * and a `FileUploadError` says so; a record in another status is left alone.
   *
   * @example
   * ```ts
   * // POST /uploads/:id/complete, body: what sendUpload resolved with
   * const collectionId = uploadsOfThisUser.get(id); // never the page's word for it
   * if (!collectionId) return new Response("Unknown upload", { status: 404 });
   * const artifact = await luml.artifacts.completeUpload({ ...body, artifactId: id, collectionId });
   * ```
   */
  async completeUpload(
    upload: CompleteUploadInput,
    options: RequestOptions = {},
  ): Promise<Artifact> {
    checkOptionNames(options, optionNames.request, "artifacts.completeUpload");
    return (await keylessUpload()).completeUpload(this.#context, this, upload, options);
  }

  /**
   * Marks a key-less upload the page gave up on (failed or cancelled) as
   * `upload_failed`, and returns the record. Already `upload_failed`: returned as
   * it is. Any other status than `pending_upload` is refused and left unchanged.
   *
   * @example
   * ```ts
   * // POST /uploads/:id/abort
   * await luml.artifacts.abortUpload({ artifactId: id, collectionId: uploadsOfThisUser.get(id) });
   * ```
   */
  async abortUpload(upload: AbortUploadInput, options: RequestOptions = {}): Promise<Artifact> {
    checkOptionNames(options, optionNames.request, "artifacts.abortUpload");
    return (await keylessUpload()).abortUpload(this, upload, options);
  }

  /**
   * Downloads an artifact's file, verifying its sha256; nothing is left behind on failure.
   * `artifact` is its id, or its record as `get`, `retrieve`, `list` or `upload` gave
   * it, which saves reading the record again.
   *
   * @example
   * ```ts
   * // Node, Bun and Deno save to a path (or a folder); browsers to a Blob or a file handle.
   * const { path, size, file_hash } = await luml.artifacts.download(artifact.id, {
   *   to: "best.fnnx",
   *   onProgress: progressBar(),
   * });
   * ```
   */
  download(
    artifact: string | Artifact,
    options: DownloadArtifactOptions<Target> = {},
  ): Promise<DownloadResult> {
    return downloadArtifact(this.#context, artifact, options);
  }

  /**
   * A verified download as a stream, to hand on: a worker's `Response` body, a file.
   * It resolves once the record is read and can be downloaded (so a worker can still
   * answer with an error status); the bytes then flow as `stream` is read. The
   * stream ends only when the sha256 matched: on a mismatch or any failure it
   * errors, so whoever reads it never takes a corrupt file for a complete one.
   * Where the runtime has `FixedLengthStream` (Cloudflare Workers), the stream
   * declares the file's length, so a `Response` made from it has `Content-Length`.
   *
   * @example
   * ```ts
   * export default {
   *   async fetch(request, env, context) {
   *     const luml = new LumlClient({ apiKey: env.LUML_API_KEY, collection: "Models" });
   *     const { artifact, stream, done } = await luml.artifacts.downloadStream(id);
   *     context.waitUntil(done.catch(() => {}));
   *     return new Response(stream, { headers: { "content-length": String(artifact.size) } });
   *   },
   * };
   * ```
   */
  async downloadStream(
    artifactId: string,
    options: Omit<DownloadArtifactOptions<Target>, "to" | "sink"> = {},
  ): Promise<ArtifactStream> {
    checkOptionNames(options, optionNames.downloadStream, "artifacts.downloadStream");
    const { signal, timeout, idleTimeout, collectionId } = options;
    const artifact = await this.retrieve(artifactId, {
      signal,
      timeout,
      idleTimeout,
      collectionId,
    });
    checkDownloadable(artifact, artifact.file_name);
    const { readable, writable } = lengthDeclaringStream(artifact.size);
    // The record is at hand: the download reads it no second time.
    const done = downloadArtifact(this.#context, artifact, {
      ...options,
      collectionId: artifact.collection_id,
      to: writable,
    });
    // The failure also errors the stream; `done` is there for whoever wants to await it.
    done.catch(() => {});
    return { artifact, stream: readable, done };
  }

  /**
   * An artifact by id, or by exact name or file name (case-sensitive); `null`
   * when there is none. Several with that name → `MultipleResourcesFoundError`; a
   * `collectionId` of no collection in the orbit → `CollectionNotFoundError`.
   *
   * @example
   * ```ts
   * const artifact = await luml.artifacts.get("churn-model");
   * if (artifact === null) console.log("no such artifact");
   * else console.log(artifact.id, artifact.status, artifact.extra_values);
   * ```
   */
  async get(
    idOrName: string,
    options: ArtifactRequestOptions = {},
  ): Promise<ArtifactDetails | null> {
    checkOptionNames(options, optionNames.artifactRequest, "artifacts.get");
    const value = requireId(idOrName, "idOrName");
    const scope = await this.scope(options.collectionId, options.signal);
    const inScope = { ...options, collectionId: scope.collectionId };
    const found = await findArtifact(value, {
      details: (id) =>
        this.retrieve(id, inScope).catch((error: unknown) => {
          if (NotFoundError.isInstance(error)) return null;
          throw error;
        }),
      listAll: (search) => this.listAll({ ...inScope, search }),
    });
    // A wrong collection id finds nothing either: `null` would blame the artifact.
    if (found === null && options.collectionId !== undefined) {
      await new CollectionsResource(this.#context).get(scope.collectionId, {
        ...callOptions(options),
        organizationId: scope.organizationId,
        orbitId: scope.orbitId,
      });
    }
    return found;
  }

  /**
   * An artifact by id only (never by name). Unlike `get`, a missing one is a
   * `NotFoundError` rather than `null`.
   *
   * @example
   * ```ts
   * const artifact = await luml.artifacts.retrieve(artifactId, { maxRetries: 0 });
   * console.log(artifact.status, artifact.size);
   * ```
   */
  async retrieve(
    artifactId: string,
    options: ArtifactRequestOptions = {},
  ): Promise<ArtifactDetails> {
    checkOptionNames(options, optionNames.artifactRequest, "artifacts.retrieve");
    const path = await this.#artifactPath(artifactId, options);
    const body = await this.#call("GET", path, options);
    return parseResponse(artifactDetailsSchema, body, { method: "GET", url: path });
  }

  /**
   * One page of the collection's artifacts; pass its `cursor` as `startAfter` for the next.
   * A `sortBy` the collection has no metric for is the service's `BadRequestError`,
   * its message followed by the columns and metric keys that can be sorted by.
   *
   * @example
   * ```ts
   * const page = await luml.artifacts.list({ sortBy: "F1", order: "desc", limit: 10 });
   * for (const artifact of page.items) console.log(artifact.name, artifact.extra_values?.F1);
   * if (page.cursor) {
   *   const next = await luml.artifacts.list({ sortBy: "F1", order: "desc", startAfter: page.cursor });
   * }
   * ```
   */
  async list(options: ListArtifactsOptions = {}): Promise<Page<ListedArtifact>> {
    checkOptionNames(options, optionNames.listArtifacts, "artifacts.list");
    const query = artifactQuery(options);
    const scope = await this.scope(options.collectionId, options.signal);
    const path = `${orbitPath(scope)}/artifacts`;
    const body = await this.#call("GET", path, options, {
      query: { ...query, collection_ids: [scope.collectionId] },
    }).catch(async (error: unknown) => {
      throw await explainUnknownSortKey(error, options.sortBy, () =>
        this.#metricKeys(scope, options),
      );
    });
    return parseResponse(listedPageSchema, body, { method: "GET", url: path });
  }

  /**
   * Every artifact, fetching pages lazily as the `for await` loop advances.
   * A page whose `cursor` repeats one already followed (which would page forever)
   * ends the loop with `APIResponseValidationError`. A bad option throws at the call,
   * before any request.
   *
   * @example
   * ```ts
   * for await (const artifact of luml.artifacts.listAll({ search: "churn", types: ["model"] })) {
   *   console.log(artifact.name, artifact.created_at);
   * }
   * ```
   */
  listAll(options: ListAllArtifactsOptions = {}): AsyncGenerator<ListedArtifact, void, undefined> {
    // Checked here, not at the first `next()`: a bad option fails where it is written.
    checkOptionNames(options, optionNames.listAllArtifacts, "artifacts.listAll");
    artifactQuery(options);
    return itemsOfEveryPage((startAfter) => this.list({ ...options, startAfter }));
  }

  /**
   * A presigned URL to download the artifact's file.
   *
   * @example
   * ```ts
   * const { url } = await luml.artifacts.downloadUrl(artifact.id);
   * const response = await fetch(url); // the bytes, straight from storage, unverified
   * ```
   */
  async downloadUrl(
    artifactId: string,
    options: ArtifactRequestOptions = {},
  ): Promise<UrlResponse> {
    checkOptionNames(options, optionNames.artifactRequest, "artifacts.downloadUrl");
    return this.#url(artifactId, "download-url", options);
  }

  /**
   * A presigned URL to delete the artifact's file from storage. This moves the
   * artifact to `pending_deletion`; prefer `delete`, which runs the whole protocol.
   *
   * @example
   * ```ts
   * const { url } = await luml.artifacts.deleteUrl(artifact.id); // now pending_deletion
   * await fetch(url, { method: "DELETE" });
   * ```
   */
  async deleteUrl(artifactId: string, options: ArtifactRequestOptions = {}): Promise<UrlResponse> {
    checkOptionNames(options, optionNames.artifactRequest, "artifacts.deleteUrl");
    return this.#url(artifactId, "delete-url", options);
  }

  /**
   * Creates an artifact record (`pending_upload`) and returns where to upload its file.
   * `upload` does this and the rest in one call; `create` is for sending the bytes yourself.
   *
   * @example
   * ```ts
   * // `prepareUpload` (@luml/browser) checks, indexes and hashes a file: the fields create needs.
   * const prepared = await prepareUpload(file);
   * const { artifact, upload_details } = await luml.artifacts.create({ ...prepared, tags: ["manual"] });
   * console.log(artifact.status, upload_details.type); // "pending_upload", "s3" or "azure"
   * ```
   */
  async create(
    body: CreateArtifactBody,
    options: ArtifactRequestOptions = {},
  ): Promise<CreatedArtifact> {
    checkOptionNames(options, optionNames.artifactRequest, "artifacts.create");
    const wireBody = validateCreateBody(body);
    const scope = await this.scope(options.collectionId, options.signal);
    const path = `${collectionPath(scope)}/artifacts`;
    const reply = await this.#call("POST", path, options, { body: wireBody });
    return parseResponse(createdArtifactSchema, reply, { method: "POST", url: path });
  }

  /**
   * Changes an artifact's name, description, tags or status; returns the artifact.
   *
   * @example
   * ```ts
   * const artifact = await luml.artifacts.update(id, { tags: ["prod"], description: "Promoted" });
   * ```
   */
  async update(
    artifactId: string,
    changes: UpdateArtifactBody,
    options: ArtifactRequestOptions = {},
  ): Promise<Artifact> {
    checkOptionNames(options, optionNames.artifactRequest, "artifacts.update");
    const body = validateUpdateBody(changes);
    const path = await this.#artifactPath(artifactId, options);
    const reply = await this.#call("PATCH", path, options, { body });
    return parseResponse(artifactSchema, reply, { method: "PATCH", url: path });
  }

  /**
   * Deletes the artifact and its file: takes a delete URL, deletes the stored
   * object, then confirms. If storage refuses, the artifact is marked
   * `deletion_failed` and the storage error is thrown. The confirmation, once the
   * stored file is gone, is retried as hard as an upload's final status; if it
   * still fails, the record is left `pending_deletion` without its file, and
   * calling `delete` again finishes it.
   *
   * @example
   * ```ts
   * await luml.artifacts.delete(artifact.id);
   * ```
   */
  async delete(artifactId: string, options: ArtifactRequestOptions = {}): Promise<void> {
    checkOptionNames(options, optionNames.artifactRequest, "artifacts.delete");
    const path = await this.#artifactPath(artifactId, options);
    const { url } = await this.#url(artifactId, "delete-url", options);
    try {
      await deleteStoredObject(this.#context.transport, url, options.signal);
    } catch (error) {
      await this.#markDeletionFailed(artifactId, options);
      throw error;
    }
    // The file is gone: a record left pending_deletion now would name nothing.
    await this.#call("DELETE", path, { ...options, maxRetries: finalStatusRetries }).catch(
      (error: unknown) => {
        // A retry after a confirmation applied with its reply lost finds no record: done.
        if (!NotFoundError.isInstance(error)) throw error;
      },
    );
  }

  /**
   * Marks the collection's `pending_upload` records older than `olderThan` as
   * `upload_failed`, and returns them as they are now. Such records are left by an
   * upload whose process was killed before it could mark its record; a record never
   * stays `pending_upload` after an upload that failed or was aborted in a running
   * process. Run it from a cron job or before a retry, then re-upload or delete them.
   *
   * @example
   * ```ts
   * const stale = await luml.artifacts.cleanupPendingUploads({ olderThan: 60 * 60_000 });
   * for (const artifact of stale) await luml.artifacts.forceDelete(artifact.id);
   * ```
   */
  async cleanupPendingUploads(options: CleanupPendingUploadsOptions = {}): Promise<Artifact[]> {
    checkOptionNames(options, optionNames.cleanupPendingUploads, "artifacts.cleanupPendingUploads");
    const olderThan = options.olderThan ?? 3_600_000;
    if (typeof olderThan !== "number" || !(olderThan >= 0)) {
      throw new InvalidArgumentError({
        argument: "olderThan",
        message: "expected a non-negative number of milliseconds",
      });
    }
    const cutoff = Date.now() - olderThan;
    const stale: ListedArtifact[] = [];
    for await (const artifact of this.listAll({
      ...callOptions(options),
      collectionId: options.collectionId,
      sortBy: "created_at",
      order: SortOrder.Asc,
    })) {
      if (timestampMilliseconds(artifact.created_at) > cutoff) break;
      if (artifact.status === ArtifactStatus.PendingUpload) stale.push(artifact);
    }
    const marked: Artifact[] = [];
    for (const artifact of stale) {
      marked.push(
        await this.update(
          artifact.id,
          { status: "upload_failed" },
          { ...callOptions(options), collectionId: artifact.collection_id },
        ),
      );
    }
    return marked;
  }

  /**
   * Deletes the artifact record whatever its status, leaving any stored file in place.
   *
   * @example
   * ```ts
   * await luml.artifacts.forceDelete(artifact.id); // e.g. a record left `upload_failed`
   * ```
   */
  async forceDelete(artifactId: string, options: ArtifactRequestOptions = {}): Promise<void> {
    checkOptionNames(options, optionNames.artifactRequest, "artifacts.forceDelete");
    const path = await this.#artifactPath(artifactId, options);
    await this.#call("DELETE", `${path}/force`, options);
  }

  /** The metric keys of the collection's artifacts (`artifacts_extra_values` of its details). */
  async #metricKeys(scope: CollectionScope, options: RequestOptions): Promise<string[]> {
    const details = await new CollectionsResource(this.#context).get(scope.collectionId, {
      ...callOptions(options),
      organizationId: scope.organizationId,
      orbitId: scope.orbitId,
    });
    return details.artifacts_extra_values ?? [];
  }

  async #markDeletionFailed(artifactId: string, options: ArtifactRequestOptions): Promise<void> {
    try {
      await this.update(
        artifactId,
        { status: "deletion_failed" },
        { ...options, signal: options.signal?.aborted ? undefined : options.signal },
      );
    } catch {
      // The storage failure is what the caller needs to see.
    }
  }

  async #url(
    artifactId: string,
    kind: "download-url" | "delete-url",
    options: ArtifactRequestOptions,
  ): Promise<UrlResponse> {
    const path = `${await this.#artifactPath(artifactId, options)}/${kind}`;
    const body = await this.#call("GET", path, options);
    return parseResponse(urlResponseSchema, body, { method: "GET", url: path });
  }

  async #artifactPath(artifactId: string, options: ArtifactRequestOptions): Promise<string> {
    const id = requireArtifactId(artifactId, "artifactId");
    const scope = await this.scope(options.collectionId, options.signal);
    return `${collectionPath(scope)}/artifacts/${encodeURIComponent(id)}`;
  }

  async #call(
    method: HttpMethod,
    path: string,
    options: RequestOptions,
    extra: { query?: Record<string, QueryValue>; body?: unknown } = {},
  ): Promise<unknown> {
    const response = await this.#context.transport.request({
      method,
      path,
      ...callOptions(options),
      ...extra,
    });
    return response.body;
  }
}

function artifactQuery(options: ListArtifactsOptions): Record<string, QueryValue> {
  return {
    cursor: optionalCursor(options.startAfter),
    limit: validateLimit(options.limit) ?? 100,
    sort_by: optionalString(options.sortBy, "sortBy"),
    order: validateOrder(options.order),
    search: optionalString(options.search, "search"),
    types: validateArtifactTypes(options.types),
  };
}

/** A wire timestamp in milliseconds; one without a zone is UTC, as the service writes them. */
export function timestampMilliseconds(timestamp: string): number {
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(timestamp) ? timestamp : `${timestamp}Z`;
  return Date.parse(zoned);
}

/** A pass-through stream that declares `size` bytes where the runtime can (workerd). */
function lengthDeclaringStream(size: number): ReadableWritablePair<Uint8Array, Uint8Array> {
  const FixedLength = (
    globalThis as {
      FixedLengthStream?: new (length: number) => ReadableWritablePair<Uint8Array, Uint8Array>;
    }
  ).FixedLengthStream;
  if (typeof FixedLength === "function") return new FixedLength(size);
  return new TransformStream<Uint8Array, Uint8Array>();
}

/**
 * The server's half of key-less uploads, loaded on first use: a page's bundle, which
 * never calls it, does not carry it.
 */
function keylessUpload(): Promise<typeof import("./keyless-upload")> {
  return loadChunk(() => import("./keyless-upload"), "key-less upload");
}
