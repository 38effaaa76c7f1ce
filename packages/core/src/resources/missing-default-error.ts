import { type AvailableResource, ConfigurationError, describeAvailable } from "../errors";
import { CollectionsResource } from "./collections";
import { OrbitsResource } from "./orbits";
import { OrganizationsResource } from "./organizations";
import type { ResourceContext } from "./resource-context";

/** What a call needs and the client has no default for. */
export type MissingDefault =
  | { kind: "organization" }
  | { kind: "orbit"; organizationId: string }
  | { kind: "collection"; organizationId: string; orbitId: string };

/** The most items listed; beyond them the message says how to list the rest. */
const listedAtMost = 100;

/**
 * A `ConfigurationError` saying what is missing (the first of organization, orbit,
 * collection) and listing what can be chosen, as the official client does:
 * `No organization configured: … Available: Organization(id=…, name="…")`. The
 * list costs one request; when it fails, the message goes without it.
 */
export async function missingDefaultError(
  context: ResourceContext,
  missing: MissingDefault,
  signal?: AbortSignal,
): Promise<ConfigurationError> {
  const available = await availableFor(context, missing, signal).catch(() => undefined);
  const choices =
    available === undefined
      ? ""
      : ` Available: ${describeAvailable(kindName(missing), available.items)}${available.more ? ", …" : ""}.`;
  return new ConfigurationError({ message: `${whatToDo(missing)}${choices}` });
}

function whatToDo(missing: MissingDefault): string {
  switch (missing.kind) {
    case "organization":
      return "No organization configured: set the client's `organization` (id or name), or call `setupConfig()`.";
    case "orbit":
      return "No orbit configured: set the client's `orbit` (id or name), or call `setupConfig()`.";
    case "collection":
      return "No collection: pass `collectionId` to this call, or configure the client's `collection` (id or name).";
  }
}

function kindName(missing: MissingDefault): string {
  return missing.kind === "organization"
    ? "Organization"
    : missing.kind === "orbit"
      ? "Orbit"
      : "Collection";
}

async function availableFor(
  context: ResourceContext,
  missing: MissingDefault,
  signal: AbortSignal | undefined,
): Promise<{ items: AvailableResource[]; more: boolean }> {
  switch (missing.kind) {
    case "organization":
      return { items: await new OrganizationsResource(context).list({ signal }), more: false };
    case "orbit": {
      const orbits = new OrbitsResource(context);
      return {
        items: await orbits.list({ organizationId: missing.organizationId, signal }),
        more: false,
      };
    }
    case "collection": {
      const page = await new CollectionsResource(context).list({
        organizationId: missing.organizationId,
        orbitId: missing.orbitId,
        limit: listedAtMost,
        signal,
      });
      return { items: page.items, more: page.cursor !== null && page.cursor !== undefined };
    }
  }
}
