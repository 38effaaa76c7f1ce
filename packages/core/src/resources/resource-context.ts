import type { Platform } from "../platform";
import type { CallOptions, Transport } from "../transport/transport";
import { checkRequestOptions } from "./transfer-options";

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

/**
 * Options every resource method accepts, for that call only: `signal`, and
 * `timeout`, `idleTimeout` and `maxRetries` overriding the client's.
 *
 * @example
 * ```ts
 * // No retry for this one call, whatever the client's `maxRetries`.
 * const orgs = await luml.organizations.list({ maxRetries: 0, timeout: 5_000 });
 * ```
 */
export type RequestOptions = CallOptions;

/**
 * The per-request fields of `options` (`signal`, `timeout`, `idleTimeout`,
 * `maxRetries`), checked, for the transport.
 */
export function callOptions(options: CallOptions | undefined): CallOptions {
  if (!options) return {};
  checkRequestOptions(options);
  const { signal, timeout, idleTimeout, maxRetries } = options;
  return { signal, timeout, idleTimeout, maxRetries };
}
