/**
 * The option names each method takes, checked on entry. In JavaScript a misspelt
 * or snake_case option (`collection_id`, as the Python client spells it) would
 * otherwise be ignored, and the call would quietly use a default: an upload to
 * the client's collection, a listing sorted by date.
 */
import type { CreateLumlClientOptions, LumlClientOptions, SetupConfigOptions } from "../client";
import { InvalidArgumentError } from "../errors";
import type { DownloadArtifactOptions, UploadArtifactOptions } from "./artifact-transfers";
import type {
  ArtifactRequestOptions,
  CleanupPendingUploadsOptions,
  ListArtifactsOptions,
} from "./artifacts";
import type { ListCollectionsOptions } from "./collections";
import type { BeginUploadOptions } from "./keyless-upload";
import type { OrbitRequestOptions } from "./orbits";
import type { RequestOptions } from "./resource-context";
import type { OrbitScopeOptions } from "./scope";

/** Every option name of `T`, each `true`. */
type OptionNames<T> = { readonly [Name in keyof Required<T>]: true };

/** `names`, checked against `T`: a missing or a stray option name does not compile. */
function namesOf<T>() {
  return <const Names extends OptionNames<T>>(
    names: Names & Record<Exclude<keyof Names, keyof T>, never>,
  ): Names => names;
}

const request = namesOf<RequestOptions>()({
  signal: true,
  timeout: true,
  idleTimeout: true,
  maxRetries: true,
});

/** `RequestOptions` plus `collectionId`: most artifact calls. */
const artifactRequest = namesOf<ArtifactRequestOptions>()({ ...request, collectionId: true });

const listArtifacts = namesOf<ListArtifactsOptions>()({
  ...artifactRequest,
  startAfter: true,
  limit: true,
  sortBy: true,
  order: true,
  types: true,
  search: true,
});

/** Transfers retry per request on their own terms: no `maxRetries`. */
const transfer = { signal: true, timeout: true, idleTimeout: true } as const;

const upload = namesOf<UploadArtifactOptions>()({
  ...transfer,
  name: true,
  description: true,
  tags: true,
  collectionId: true,
  fileName: true,
  onProgress: true,
  concurrency: true,
});

const download = namesOf<DownloadArtifactOptions>()({
  ...transfer,
  to: true,
  sink: true,
  collectionId: true,
  onProgress: true,
  concurrency: true,
  partSize: true,
});

const orbitScope = namesOf<OrbitScopeOptions>()({
  ...request,
  organizationId: true,
  orbitId: true,
});

const listCollections = namesOf<ListCollectionsOptions>()({
  ...orbitScope,
  startAfter: true,
  limit: true,
  sortBy: true,
  order: true,
  search: true,
  types: true,
});

const client = namesOf<LumlClientOptions>()({
  apiKey: true,
  baseUrl: true,
  organization: true,
  orbit: true,
  collection: true,
  timeout: true,
  storageTimeout: true,
  idleTimeout: true,
  maxRetries: true,
  fetch: true,
  logger: true,
  headers: true,
  dangerouslyAllowBrowser: true,
  platform: true,
});

/** The option names of each kind of call, by what its options are. */
export const optionNames = {
  client,
  createClient: namesOf<CreateLumlClientOptions>()({ ...client, signal: true }),
  setupConfig: namesOf<SetupConfigOptions>()({
    ...request,
    organization: true,
    orbit: true,
    collection: true,
  }),
  request,
  artifactRequest,
  listArtifacts,
  listAllArtifacts: withoutStartAfter(listArtifacts),
  cleanupPendingUploads: namesOf<CleanupPendingUploadsOptions>()({
    ...artifactRequest,
    olderThan: true,
  }),
  beginUpload: namesOf<BeginUploadOptions>()({
    ...request,
    name: true,
    description: true,
    tags: true,
    collectionId: true,
  }),
  upload,
  download,
  downloadStream: withoutTarget(download),
  orbitRequest: namesOf<OrbitRequestOptions>()({ ...request, organizationId: true }),
  orbitScope,
  listCollections,
  listAllCollections: withoutStartAfter(listCollections),
} as const;

/**
 * Refuses, before any request, an `options` that is not an object or that has a
 * name `call` does not take, suggesting the camelCase spelling of a snake_case one.
 */
export function checkOptionNames(
  options: unknown,
  names: Readonly<Record<string, true>>,
  call: string,
): void {
  const problem = optionNamesProblem(options, names, call);
  if (problem) throw new InvalidArgumentError(problem);
}

/**
 * What is wrong with `options`, for `call` taking `names`: not an object, or a
 * name it does not take (with the name meant, when a spelling suggests one).
 */
export function optionNamesProblem(
  options: unknown,
  names: Readonly<Record<string, true>>,
  call: string,
): { argument: string; message: string } | undefined {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== "object") {
    return { argument: "options", message: "expected an object" };
  }
  for (const name of Object.keys(options)) {
    if (Object.hasOwn(names, name)) continue;
    const meant = meantName(name, names);
    const hint = meant ? ` (did you mean "${meant}"?)` : "";
    return {
      argument: name,
      message: `${call} takes no option "${name}"${hint}; it takes ${Object.keys(names).join(", ")}`,
    };
  }
  return undefined;
}

/**
 * The option a Python-style name stands for: its camelCase spelling (`base_url`:
 * `baseUrl`), with or without an `Id` (`collection_id` where the client takes a
 * `collection`, `orbit` where a call takes an `orbitId`).
 */
function meantName(name: string, names: Readonly<Record<string, true>>): string | undefined {
  const camelCase = name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const candidates = [camelCase, camelCase.replace(/Id$/, ""), `${camelCase}Id`];
  return candidates.find((candidate) => candidate !== name && Object.hasOwn(names, candidate));
}

function withoutStartAfter<Names extends { startAfter: true }>(
  names: Names,
): Omit<Names, "startAfter"> {
  const { startAfter: _, ...rest } = names;
  return rest;
}

function withoutTarget<Names extends { to: true; sink: true }>(
  names: Names,
): Omit<Names, "to" | "sink"> {
  const { to: _to, sink: _sink, ...rest } = names;
  return rest;
}
