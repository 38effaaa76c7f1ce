import { ConfigurationError } from "../errors/configuration-error";
import type { ResourceContext } from "./resource-context";
import { optionalId } from "./validate";

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
export interface OrbitScopeOptions {
  /** The organization; defaults to the client's. */
  organizationId?: string;
  /** The orbit; defaults to the client's. */
  orbitId?: string;
  /** Cancels the call. */
  signal?: AbortSignal;
}

/**
 * The organization and orbit for a call: the given ids, else the client's
 * defaults; `ConfigurationError` when one is missing.
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
  if (!organizationId || !orbitId) {
    throw new ConfigurationError({
      message: `No ${organizationId ? "orbit" : "organization"} configured: set the client's \`organization\` and \`orbit\` (id or name), or call \`setupConfig()\`.`,
    });
  }
  return { organizationId, orbitId };
}

/**
 * The organization, orbit and collection for an artifact call: `collectionId`
 * if given, else the client's default collection; `ConfigurationError` when
 * there is none.
 */
export async function resolveCollectionScope(
  context: ResourceContext,
  collectionId: string | undefined,
  signal: AbortSignal | undefined,
): Promise<CollectionScope> {
  const given = optionalId(collectionId, "collectionId");
  const defaults = await context.defaults(signal);
  const collection = given ?? defaults.collectionId;
  if (!collection) {
    throw new ConfigurationError({
      message:
        "No collection: pass `collectionId` to this call, or configure the client's `collection` (id or name).",
    });
  }
  const scope = await resolveOrbitScope(context, { signal });
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
