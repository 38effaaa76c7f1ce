import type { Platform } from "../platform";
import type { Transport } from "../transport/transport";

/** The ids a client resolved from its default organization, orbit and collection. */
export interface DefaultIds {
  /** Id of the default organization, if one is set or could be chosen. */
  organizationId?: string | undefined;
  /** Id of the default orbit, if one is set or could be chosen. */
  orbitId?: string | undefined;
  /** Id of the default collection, if one is set. */
  collectionId?: string | undefined;
}

/**
 * What every resource gets from its client. Clients build it; code that builds a
 * resource by hand (a custom client, a test) supplies one.
 */
export interface ResourceContext {
  /** Reaches the API and storage. */
  transport: Transport;
  /** The runtime's pieces, when a runtime package supplied them. */
  platform: Platform | undefined;
  /** The client's defaults, resolving them first if that has not happened yet. */
  defaults(signal?: AbortSignal): Promise<DefaultIds>;
}

/** Options every resource method accepts. */
export interface RequestOptions {
  /** Cancels the call; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}
