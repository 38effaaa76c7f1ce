import { missingDefaultError } from "./missing-default-error";
import type { RequestOptions, ResourceContext } from "./resource-context";
import { optionalId, requireCollectionId } from "./validate";

/** The organization and orbit a call works in. */
export interface OrbitScope {
  /** The organization's id (never a name: names are resolved before a scope is built). */
  organizationId: string;
  /** The id of an orbit of that organization. */
  orbitId: string;
}

/** The organization, orbit and collection a call works in. */
export interface CollectionScope extends OrbitScope {
  /** The id of a collection of that orbit. */
  collectionId: string;
}

/** Per-call overrides of the client's default organization and orbit. */
export interface OrbitScopeOptions extends RequestOptions {
  /** The organization; defaults to the client's. */
  organizationId?: string | undefined;
  /** The orbit; defaults to the client's. */
  orbitId?: string | undefined;
}

/**
 * The organization and orbit for a call: the given ids, else the client's
 * defaults; a `ConfigurationError` listing the available ones when one is missing.
 */
export async function resolveOrbitScope(
  context: ResourceContext,
  options: OrbitScopeOptions,
): Promise<OrbitScope> {
  const organizationGiven = optionalId(options.organizationId, "organizationId");
  const orbitGiven = optionalId(options.orbitId, "orbitId");
  const defaults = organizationGiven && orbitGiven ? {} : await context.defaults(options.signal);
  const organizationId = organizationGiven ?? defaults.organizationId;
  const orbitId = orbitGiven ?? defaults.orbitId;
  if (!organizationId) {
    throw await missingDefaultError(context, { kind: "organization" }, options.signal);
  }
  if (!orbitId) {
    throw await missingDefaultError(context, { kind: "orbit", organizationId }, options.signal);
  }
  return { organizationId, orbitId };
}

/**
 * The organization, orbit and collection for an artifact call: `collectionId`
 * if given, else the client's default collection. When one is missing, a
 * `ConfigurationError` names the first missing one (organization, then orbit,
 * then collection) and lists the available ones.
 */
export async function resolveCollectionScope(
  context: ResourceContext,
  collectionId: string | undefined,
  signal: AbortSignal | undefined,
): Promise<CollectionScope> {
  const given =
    collectionId === undefined || collectionId === null
      ? undefined
      : requireCollectionId(collectionId, "collectionId");
  const scope = await resolveOrbitScope(context, { signal });
  const collection = given ?? (await context.defaults(signal)).collectionId;
  if (!collection) {
    throw await missingDefaultError(context, { kind: "collection", ...scope }, signal);
  }
  return { ...scope, collectionId: collection };
}

/** `/v1/organizations/{org}/orbits/{orbit}` */
export function orbitPath(scope: OrbitScope): string {
  return `/v1/organizations/${encodeURIComponent(scope.organizationId)}/orbits/${encodeURIComponent(scope.orbitId)}`;
}

/** `/v1/organizations/{org}/orbits/{orbit}/collections/{collection}` */
export function collectionPath(scope: CollectionScope): string {
  return `${orbitPath(scope)}/collections/${encodeURIComponent(scope.collectionId)}`;
}
