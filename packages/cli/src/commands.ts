import { basename } from "node:path";
import {
  APIError,
  type Artifact,
  type ArtifactDetails,
  type ArtifactType,
  type CollectionType,
  FileUploadError,
  type ListedArtifact,
  type LumlClient,
  MultipleResourcesFoundError,
  type SortOrder,
} from "@luml/node";
import { type Context, requireOrbit, requireOrganization } from "./context";
import { parseDuration } from "./duration";
import { exitCodeFor, isAbort } from "./error-exit-code";
import { CliError, ExitCode } from "./exit-codes";
import {
  type Column,
  displayText,
  formatFields,
  formatJson,
  formatMetric,
  formatSize,
  formatTable,
  formatTime,
} from "./output";
import { progress } from "./progress";
import { streamTarget } from "./stream-target";

/** `luml whoami`: the API, whether the key works, and the defaults it resolves to. */
export async function whoami(context: Context): Promise<void> {
  const config = await context.config();
  const luml = await context.client();
  const { signal } = context;
  const organizations = await luml.organizations.list({ signal });
  const ids = await luml.setupConfig({
    organization: config.client.organization,
    orbit: config.client.orbit,
    collection: config.client.collection,
    signal,
  });
  const organization = organizations.find((o) => o.id === ids.organizationId);
  const orbit = ids.orbitId
    ? await luml.orbits.get(ids.orbitId, { organizationId: ids.organizationId, signal })
    : undefined;
  const collection =
    ids.collectionId && ids.orbitId
      ? await luml.collections.get(ids.collectionId, {
          organizationId: ids.organizationId,
          orbitId: ids.orbitId,
          signal,
        })
      : undefined;
  if (context.json) {
    context.out(
      formatJson({
        baseUrl: luml.baseUrl,
        apiKeySource: config.apiKeySource,
        configFile: config.configPath ?? null,
        organizations: organizations.map(({ id, name }) => ({ id, name })),
        organization: organization ? { id: organization.id, name: organization.name } : null,
        orbit: orbit ? { id: orbit.id, name: orbit.name } : null,
        collection: collection ? { id: collection.id, name: collection.name } : null,
      }),
    );
    return;
  }
  const width = Math.max(
    0,
    ...[organization, orbit, collection].map((item) => displayText(item?.name ?? "").length),
  );
  const named = (item: { id: string; name: string } | undefined, how: string) =>
    item ? `${displayText(item.name).padEnd(width)}  ${displayText(item.id)}` : `none: ${how}`;
  const fields: Array<[string, string]> = [
    ["API", luml.baseUrl],
    ["API key", `valid (from ${config.apiKeySource})`],
    ["Organizations", organizations.map((o) => displayText(o.name)).join(", ") || "none"],
    ["Organization", named(organization, "pass --org or set LUML_ORGANIZATION")],
    ["Orbit", named(orbit, "pass --orbit or set LUML_ORBIT")],
    ["Collection", named(collection, "pass --collection or set LUML_COLLECTION")],
  ];
  if (config.configPath) fields.push(["Config file", config.configPath]);
  context.out(formatFields(fields, context.color));
}

/** `luml orgs`. */
export async function orgs(context: Context): Promise<void> {
  const luml = await context.client();
  const organizations = await luml.organizations.list({ signal: context.signal });
  if (context.json) return context.out(formatJson(organizations));
  context.out(
    formatTable(
      organizations,
      [
        { header: "NAME", value: (o) => o.name, max: 40 },
        { header: "ROLE", value: (o) => o.role ?? "" },
        { header: "CREATED", value: (o) => formatTime(o.created_at) },
        { header: "ID", value: (o) => o.id },
      ],
      context.color,
    ),
  );
}

/** `luml orbits`. */
export async function orbits(context: Context): Promise<void> {
  const organizationId = await requireOrganization(context);
  const luml = await context.client();
  const list = await luml.orbits.list({ organizationId, signal: context.signal });
  if (context.json) return context.out(formatJson(list));
  context.out(
    formatTable(
      list,
      [
        { header: "NAME", value: (o) => o.name, max: 40 },
        { header: "COLLECTIONS", value: (o) => count(o.total_collections), align: "right" },
        { header: "ARTIFACTS", value: (o) => count(o.total_artifacts), align: "right" },
        { header: "CREATED", value: (o) => formatTime(o.created_at) },
        { header: "ID", value: (o) => o.id },
      ],
      context.color,
    ),
  );
}

/** Options of `luml collections`. */
export interface CollectionsOptions {
  search?: string;
  type?: CollectionType[];
  limit: number;
}

/** `luml collections`. */
export async function collections(context: Context, options: CollectionsOptions): Promise<void> {
  const scope = await requireOrbit(context);
  const luml = await context.client();
  const list = await take(
    luml.collections.listAll({
      ...scope,
      search: options.search,
      types: options.type?.length ? options.type : undefined,
      limit: Math.min(options.limit, 100),
      signal: context.signal,
    }),
    options.limit,
  );
  if (context.json) return context.out(formatJson(list));
  if (list.length === 0) return context.note("No collections.");
  context.out(
    formatTable(
      list,
      [
        { header: "NAME", value: (c) => c.name, max: 40 },
        { header: "TYPE", value: (c) => c.type },
        { header: "ARTIFACTS", value: (c) => count(c.total_artifacts), align: "right" },
        { header: "TAGS", value: (c) => (c.tags ?? []).join(","), max: 30 },
        { header: "CREATED", value: (c) => formatTime(c.created_at) },
        { header: "ID", value: (c) => c.id },
      ],
      context.color,
    ),
  );
}

/** Options of `luml ls`. */
export interface ListOptions {
  sort?: string;
  order?: SortOrder;
  type?: ArtifactType[];
  search?: string;
  limit: number;
}

/** Columns `--sort` knows by a shorter name. */
const sortAliases: Record<string, string> = { created: "created_at", date: "created_at" };

/** Metric columns shown at most in a table (`--json` has them all). */
const maxMetricColumns = 6;

/** `luml ls`: the collection's artifacts, sorted by a column or any metric. */
export async function ls(context: Context, options: ListOptions): Promise<void> {
  const luml = await context.client();
  const sortBy =
    options.sort === undefined ? undefined : (sortAliases[options.sort] ?? options.sort);
  const items = await take(
    luml.artifacts.listAll({
      sortBy,
      order: options.order,
      types: options.type?.length ? options.type : undefined,
      search: options.search,
      limit: Math.min(options.limit, 100),
      signal: context.signal,
    }),
    options.limit,
  );
  if (context.json) return context.out(formatJson(items));
  if (items.length === 0) return context.note("No artifacts.");
  const metrics = metricKeys(items, sortBy);
  const columns: Column<ListedArtifact>[] = [
    { header: "NAME", value: (a) => a.name ?? a.file_name, max: 40 },
    { header: "STATUS", value: (a) => a.status },
    { header: "TYPE", value: (a) => a.type },
    { header: "SIZE", value: (a) => formatSize(a.size), align: "right" },
    { header: "CREATED", value: (a) => formatTime(a.created_at) },
    ...metrics.map(
      (key): Column<ListedArtifact> => ({
        header: key,
        value: (a) => formatMetric(a.extra_values?.[key]),
        align: "right",
        max: 16,
      }),
    ),
    { header: "ID", value: (a) => a.id },
  ];
  context.out(formatTable(items, columns, context.color));
}

/** The metric keys of the listed artifacts: the sort key first, then by name. */
function metricKeys(items: readonly Artifact[], sortBy: string | undefined): string[] {
  const keys = new Set<string>();
  for (const item of items) for (const key of Object.keys(item.extra_values ?? {})) keys.add(key);
  const sorted = [...keys].sort((a, b) => a.localeCompare(b));
  if (sortBy && keys.has(sortBy)) {
    sorted.splice(sorted.indexOf(sortBy), 1);
    sorted.unshift(sortBy);
  }
  return sorted.slice(0, maxMetricColumns);
}

/** `luml get <name-or-id>`. */
export async function get(context: Context, nameOrId: string): Promise<void> {
  const artifact = await findArtifact(context, nameOrId);
  if (context.json) return context.out(formatJson(artifact));
  context.out(formatFields(describeArtifact(artifact), context.color));
}

function describeArtifact(
  artifact: Artifact & { collection?: { name: string } | null },
): Array<[string, string]> {
  const metrics = Object.entries(artifact.extra_values ?? {});
  const fields: Array<[string, string]> = [
    ["Name", artifact.name ?? ""],
    ["ID", artifact.id],
    ["Status", artifact.status],
    ["Type", artifact.type],
    ["File", artifact.file_name],
    ["Size", `${formatSize(artifact.size)} (${artifact.size} bytes)`],
    ["SHA-256", artifact.file_hash ?? ""],
    ["Collection", artifact.collection?.name ?? artifact.collection_id],
    ["Tags", (artifact.tags ?? []).map(displayText).join(", ")],
    ["Description", artifact.description ?? ""],
    ["Created", formatTime(artifact.created_at)],
  ];
  if (artifact.updated_at) fields.push(["Updated", formatTime(artifact.updated_at)]);
  for (const [key, value] of metrics) fields.push([`  ${displayText(key)}`, formatMetric(value)]);
  if (metrics.length) fields.splice(fields.length - metrics.length, 0, ["Metrics", ""]);
  return fields;
}

/** Options of `luml upload`. */
export interface UploadOptions {
  name?: string;
  description?: string;
  tag?: string[];
  progress: boolean;
}

/** `luml upload <file>`: Ctrl-C stops it; a record already created is marked `upload_failed`. */
export async function upload(
  context: Context,
  file: string,
  options: UploadOptions,
): Promise<void> {
  requireVisibleName(options.name);
  const luml = await context.client();
  const bar = options.progress ? progress() : undefined;
  // The record is created once the file is hashed, before its bytes are sent: what
  // an interruption leaves depends on which of the two it stopped.
  let reached: "hashing" | "creating" | "sending" = "hashing";
  let artifact: Artifact;
  try {
    artifact = await luml.artifacts.upload(file, {
      name: options.name,
      description: options.description || undefined,
      tags: options.tag,
      onProgress: (event) => {
        if (event.phase === "uploading") reached = "sending";
        else if (event.phase === "hashing" && event.loaded === event.total) reached = "creating";
        bar?.(event);
      },
      signal: context.signal,
    });
  } catch (error) {
    throw interruption(error, basename(file), reached) ?? error;
  }
  if (context.json) return context.out(formatJson(artifact));
  const metrics = Object.entries(artifact.extra_values ?? {})
    .map(([key, value]) => `${displayText(key)}=${displayText(formatMetric(value))}`)
    .join(" ");
  const name = displayText(artifact.name ?? artifact.file_name);
  context.out(
    `Uploaded ${name} (${formatSize(artifact.size)}) as ${displayText(artifact.id)}${metrics ? `  ${metrics}` : ""}`,
  );
}

/**
 * The error for an upload stopped by Ctrl-C or SIGTERM, saying what it left: by the
 * step it had reached, or a record that could not be marked and is left pending.
 */
function interruption(
  error: unknown,
  fileName: string,
  reached: keyof typeof interruptedUpload,
): CliError | undefined {
  const stranded = FileUploadError.isInstance(error) && isAbort(error.cause) ? error : undefined;
  const reason = stranded ? stranded.cause : error;
  if (!isAbort(reason)) return undefined;
  const signal = /SIGTERM/.test((reason as Error).message) ? "SIGTERM" : "SIGINT";
  const left = !stranded
    ? ` ${interruptedUpload[reached]}`
    : stranded.artifactId
      ? `, but its record ${stranded.artifactId} could not be marked upload_failed and is left pending_upload (see luml cleanup --pending)`
      : ", but its record may have been created and could not be marked: if it was, it is left pending_upload (see luml cleanup --pending)";
  return new CliError(
    `interrupted (${signal}): the upload of ${fileName} was stopped${left}`,
    signal === "SIGTERM" ? ExitCode.Terminated : ExitCode.Interrupted,
  );
}

/** What an interrupted upload left, by the step it had reached. */
const interruptedUpload = {
  hashing: "before its record was created: nothing was created",
  creating: "while its record was being created: if it was, it was marked upload_failed",
  sending: "and its record was marked upload_failed",
} as const;

/** Options of `luml download`. */
export interface DownloadOptions {
  output?: string;
  progress: boolean;
}

/** `luml download <name-or-id> [-o file-or-folder]`: verified against the record's sha256. */
export async function download(
  context: Context,
  nameOrId: string,
  options: DownloadOptions,
): Promise<void> {
  requireOutput(options.output);
  const artifact = await findArtifact(context, nameOrId);
  const stream = await streamTarget(options.output);
  const luml = await context.client();
  // The record found is handed on: the download does not read it again.
  const result = await luml.artifacts.download(artifact, {
    collectionId: artifact.collection_id,
    to: stream?.stream ?? options.output,
    onProgress: options.progress ? progress() : undefined,
    signal: context.signal,
  });
  // With the bytes on stdout (or a device), what is said about them goes to stderr.
  const say = stream ? context.note : context.out;
  if (context.json) {
    return say(
      formatJson({
        id: artifact.id,
        name: artifact.name ?? null,
        path: result.path ?? null,
        size: result.size,
        file_hash: artifact.file_hash,
        verified: true,
      }),
    );
  }
  say(
    stream
      ? `Wrote ${formatSize(result.size)} to ${displayText(stream.name)}, sha256 verified`
      : `Saved ${displayText(result.path ?? "")} (${formatSize(result.size)}, sha256 verified)`,
  );
}

/** Options of `luml update`. */
export interface UpdateOptions {
  name?: string;
  description?: string;
  tag?: string[];
  addTag?: string[];
  removeTag?: string[];
}

/** `luml update <name-or-id>`: name, description and tags. */
export async function update(
  context: Context,
  nameOrId: string,
  options: UpdateOptions,
): Promise<void> {
  requireVisibleName(options.name);
  const changes: { name?: string; description?: string | null; tags?: string[] } = {};
  if (options.name !== undefined) changes.name = options.name;
  // `--description ''` removes the description rather than storing an empty one.
  if (options.description !== undefined) changes.description = options.description || null;
  const { tag = [], addTag = [], removeTag = [] } = options;
  const editsTags = tag.length + addTag.length + removeTag.length > 0;
  if (Object.keys(changes).length === 0 && !editsTags) {
    throw new CliError(
      "Nothing to update: give --name, --description, --tag, --add-tag or --remove-tag.",
      ExitCode.Usage,
    );
  }
  const artifact = await findArtifact(context, nameOrId);
  if (editsTags) {
    const base = tag.length ? tag : (artifact.tags ?? []);
    const tags = [...base, ...addTag].filter((kept) => !removeTag.includes(kept));
    changes.tags = [...new Set(tags)];
  }
  const luml = await context.client();
  const updated = await luml.artifacts.update(artifact.id, changes, {
    collectionId: artifact.collection_id,
    signal: context.signal,
  });
  if (context.json) return context.out(formatJson(updated));
  // The update's reply has the collection's id only; the record read before has its name.
  const shown = { ...updated, collection: artifact.collection };
  context.out(formatFields(describeArtifact(shown), context.color));
}

/**
 * `luml rm <name-or-id…>`: every name is found first, so a typo deletes nothing;
 * then each artifact goes through the whole delete protocol (or `--force`: the
 * record only).
 */
export async function rm(
  context: Context,
  namesOrIds: string[],
  options: { force?: boolean },
): Promise<void> {
  const artifacts = await findEveryArtifact(context, namesOrIds);
  const luml = await context.client();
  const deleted: Array<{ id: string; name: string | null }> = [];
  for (const artifact of artifacts) {
    const call = { collectionId: artifact.collection_id, signal: context.signal };
    if (options.force) await luml.artifacts.forceDelete(artifact.id, call);
    else await deleteSaying(luml, artifact, call);
    deleted.push({ id: artifact.id, name: artifact.name ?? null });
    if (!context.json) {
      const name = displayText(artifact.name ?? artifact.file_name);
      context.out(`Deleted ${name} (${displayText(artifact.id)})`);
    }
  }
  if (context.json) context.out(formatJson(deleted));
}

/**
 * `artifacts.delete`, whose storage failure also says what the record was left as
 * (the SDK marks it `deletion_failed`) and how to remove it anyway.
 */
async function deleteSaying(
  luml: LumlClient,
  artifact: Artifact,
  call: { collectionId: string; signal: AbortSignal },
): Promise<void> {
  try {
    await luml.artifacts.delete(artifact.id, call);
  } catch (error) {
    if (!APIError.isInstance(error) || error.source !== "storage") throw error;
    const status = await luml.artifacts
      .retrieve(artifact.id, { collectionId: call.collectionId })
      .then((record) => record.status)
      .catch(() => undefined);
    const left = status
      ? ` The record ${artifact.id} is ${status}; luml rm --force removes it (the stored file may stay).`
      : "";
    throw new CliError(`${error.message}.${left}`, exitCodeFor(error));
  }
}

/** Options of `luml cleanup`. */
export interface CleanupOptions {
  pending?: boolean;
  olderThan: string;
  delete?: boolean;
}

/** `luml cleanup --pending --older-than 1h`: marks stale `pending_upload` records `upload_failed`. */
export async function cleanup(context: Context, options: CleanupOptions): Promise<void> {
  if (!options.pending) {
    throw new CliError(
      "Say what to clean up: --pending (records of uploads that never finished).",
      ExitCode.Usage,
    );
  }
  const olderThan = parseDuration(options.olderThan, "--older-than");
  const luml = await context.client();
  const marked = await luml.artifacts.cleanupPendingUploads({ olderThan, signal: context.signal });
  if (options.delete) {
    for (const artifact of marked) {
      await luml.artifacts.forceDelete(artifact.id, {
        collectionId: artifact.collection_id,
        signal: context.signal,
      });
    }
  }
  if (context.json) {
    return context.out(
      formatJson(marked.map((a) => ({ ...a, ...(options.delete ? { deleted: true } : {}) }))),
    );
  }
  if (marked.length === 0) {
    return context.note(`No pending uploads older than ${options.olderThan}.`);
  }
  context.out(
    formatTable(
      marked,
      [
        { header: "NAME", value: (a) => a.name ?? a.file_name, max: 40 },
        { header: "STATUS", value: (a) => (options.delete ? "deleted" : a.status) },
        { header: "CREATED", value: (a) => formatTime(a.created_at) },
        { header: "ID", value: (a) => a.id },
      ],
      context.color,
    ),
  );
}

/**
 * A usage error (exit 2) for a `--name` that is empty or only spaces, before any
 * request: an artifact so named could not be found by its name again.
 */
function requireVisibleName(name: string | undefined): void {
  if (name === undefined || name.trim() !== "") return;
  throw new CliError(
    "--name cannot be empty or only spaces: an artifact is found by its name.",
    ExitCode.Usage,
  );
}

/** A usage error (exit 2) for an empty `-o`, before any request. */
function requireOutput(output: string | undefined): void {
  if (output !== "") return;
  throw new CliError("-o cannot be empty: give a file, a folder, or - for stdout.", ExitCode.Usage);
}

/** The artifact by id, exact name or file name; a not-found error (exit 5) when there is none. */
async function findArtifact(context: Context, nameOrId: string): Promise<ArtifactDetails> {
  const luml = await context.client();
  const artifact = await luml.artifacts.get(nameOrId, { signal: context.signal });
  if (!artifact) throw new CliError(notFoundMessage([nameOrId]), ExitCode.NotFound);
  return artifact;
}

/**
 * The artifacts of every name, each artifact once. When a name matches none, or
 * several, the error names each such name and says nothing was deleted; its exit
 * code is that of the first such name. Other failures (the key, the network) stop
 * at once.
 */
async function findEveryArtifact(
  context: Context,
  namesOrIds: readonly string[],
): Promise<ArtifactDetails[]> {
  const found = new Map<string, ArtifactDetails>();
  const missing: string[] = [];
  const ambiguous: string[] = [];
  let exitCode: number | undefined;
  for (const nameOrId of namesOrIds) {
    try {
      const artifact = await findArtifact(context, nameOrId);
      found.set(artifact.id, artifact);
    } catch (error) {
      if (error instanceof CliError && error.exitCode === ExitCode.NotFound) missing.push(nameOrId);
      else if (MultipleResourcesFoundError.isInstance(error)) ambiguous.push(error.message);
      else throw error;
      exitCode ??= exitCodeFor(error);
    }
  }
  if (exitCode === undefined) return [...found.values()];
  const problems = missing.length ? [notFoundMessage(missing), ...ambiguous] : ambiguous;
  throw new CliError(`${problems.join(" ")} Nothing was deleted.`, exitCode);
}

/** `No artifact named "a" …`, or `No artifacts named "a", "b" …` for several names. */
function notFoundMessage(namesOrIds: readonly string[]): string {
  const quoted = namesOrIds.map((name) => JSON.stringify(name)).join(", ");
  return namesOrIds.length === 1
    ? `No artifact named ${quoted} (nor with that id or file name) in this collection.`
    : `No artifacts named ${quoted} (nor with those ids or file names) in this collection.`;
}

async function take<T>(items: AsyncIterable<T>, limit: number): Promise<T[]> {
  const taken: T[] = [];
  if (limit <= 0) return taken;
  for await (const item of items) {
    taken.push(item);
    if (taken.length >= limit) break;
  }
  return taken;
}

function count(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}
