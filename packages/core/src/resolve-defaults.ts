import { ConfigurationError, OrbitNotFoundError, OrganizationNotFoundError } from "./errors";
import type { CollectionsResource } from "./resources/collections";
import { findByIdOrName } from "./resources/find-by-id-or-name";
import type { OrbitsResource } from "./resources/orbits";
import type { OrganizationsResource } from "./resources/organizations";
import type { DefaultIds, RequestOptions } from "./resources/resource-context";

/** The defaults a user asked for, each an id or a name. */
export interface DefaultsRequest {
  /**
   * The default organization, by id or exact name. When omitted, the user's only
   * organization is used; with several, there is no default organization.
   */
  organization?: string | undefined;
  /**
   * The default orbit of that organization, by id or exact name. Needs an
   * organization. When omitted, the organization's only orbit is used, if it has one.
   */
  orbit?: string | undefined;
  /**
   * The default collection of that orbit, by id or exact name. Needs an orbit.
   * When omitted, the orbit's only collection is used, if it has one.
   */
  collection?: string | undefined;
}

/** The resources resolution reads from; called with explicit ids only. */
export interface DefaultsSources {
  organizations: OrganizationsResource;
  orbits: OrbitsResource;
  collections: CollectionsResource;
}

/**
 * Resolves default organization, orbit and collection as the official client
 * does: each by id or exact name; when not given, the only one there is (if
 * exactly one); an orbit needs an organization and a collection needs both.
 */
export async function resolveDefaults(
  sources: DefaultsSources,
  request: DefaultsRequest,
  options: RequestOptions = {},
): Promise<DefaultIds> {
  const organizationId = await resolveOrganization(sources, request.organization, options);
  if (!organizationId) {
    if (request.orbit !== undefined || request.collection !== undefined) {
      throw new ConfigurationError({
        message: `A default ${request.orbit !== undefined ? "orbit" : "collection"} needs a default organization: set \`organization\` (id or name) as well.`,
      });
    }
    return {};
  }
  const orbitId = await resolveOrbit(sources, organizationId, request.orbit, options);
  if (!orbitId) {
    if (request.collection !== undefined) {
      throw new ConfigurationError({
        message: "A default collection needs a default orbit: set `orbit` (id or name) as well.",
      });
    }
    return { organizationId };
  }
  const collectionId = await resolveCollection(
    sources,
    { organizationId, orbitId },
    request.collection,
    options,
  );
  return { organizationId, orbitId, collectionId };
}

async function resolveOrganization(
  sources: DefaultsSources,
  requested: string | undefined,
  options: RequestOptions,
): Promise<string | undefined> {
  const organizations = await sources.organizations.list(options);
  if (requested === undefined) return onlyItem(organizations)?.id;
  return findByIdOrName(
    organizations,
    requested,
    "Organization",
    (available) => new OrganizationNotFoundError({ requested, available }),
  ).id;
}

async function resolveOrbit(
  sources: DefaultsSources,
  organizationId: string,
  requested: string | undefined,
  options: RequestOptions,
): Promise<string | undefined> {
  const orbits = await sources.orbits.list({ ...options, organizationId });
  if (requested === undefined) return onlyItem(orbits)?.id;
  return findByIdOrName(
    orbits,
    requested,
    "Orbit",
    (available) => new OrbitNotFoundError({ requested, available }),
  ).id;
}

async function resolveCollection(
  sources: DefaultsSources,
  scope: { organizationId: string; orbitId: string },
  requested: string | undefined,
  options: RequestOptions,
): Promise<string | undefined> {
  if (requested !== undefined) {
    return (await sources.collections.get(requested, { ...options, ...scope })).id;
  }
  // Two items are enough to tell "exactly one" from "several".
  const page = await sources.collections.list({ ...options, ...scope, limit: 2 });
  return page.cursor ? undefined : onlyItem(page.items)?.id;
}

function onlyItem<T>(items: readonly T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}
