import { ConfigurationError, OrbitNotFoundError } from "../errors";
import { type Orbit, orbitListSchema } from "../models/orbit";
import { parseResponse } from "../models/parse-response";
import { findByIdOrName } from "./find-by-id-or-name";
import { checkOptionNames, optionNames } from "./option-names";
import { callOptions, type RequestOptions, type ResourceContext } from "./resource-context";
import { optionalId } from "./validate";

/** Options of orbit calls. */
export interface OrbitRequestOptions extends RequestOptions {
  /** The organization; defaults to the client's. */
  organizationId?: string | undefined;
}

/** The orbits of an organization. */
export class OrbitsResource {
  readonly #context: ResourceContext;

  /** Created by `LumlClient`. */
  constructor(context: ResourceContext) {
    this.#context = context;
  }

  /**
   * Lists the orbits of an organization (the client's default unless `organizationId`).
   *
   * @example
   * ```ts
   * for (const orbit of await luml.orbits.list()) console.log(orbit.id, orbit.name);
   * ```
   */
  async list(options: OrbitRequestOptions = {}): Promise<Orbit[]> {
    checkOptionNames(options, optionNames.orbitRequest, "orbits.list");
    const organizationId = await this.#organizationId(options);
    const path = `/v1/organizations/${encodeURIComponent(organizationId)}/orbits`;
    const response = await this.#context.transport.request({
      method: "GET",
      path,
      ...callOptions(options),
    });
    return parseResponse(orbitListSchema, response.body, { method: "GET", url: path });
  }

  /**
   * One orbit by id or exact name; without one, the client's default. Throws
   * `OrbitNotFoundError` (listing the available ones) when absent.
   *
   * @example
   * ```ts
   * const orbit = await luml.orbits.get("Default Orbit");
   * const collections = await luml.collections.list({ orbitId: orbit.id });
   * ```
   */
  async get(idOrName?: string, options: OrbitRequestOptions = {}): Promise<Orbit> {
    checkOptionNames(options, optionNames.orbitRequest, "orbits.get");
    const given = optionalId(idOrName, "orbit");
    const requested = given ?? (await this.#context.defaults(options.signal)).orbitId;
    const orbits = await this.list(options);
    if (requested === undefined) {
      throw new OrbitNotFoundError({ requested: "(no default orbit)", available: orbits });
    }
    return findByIdOrName(
      orbits,
      requested,
      "Orbit",
      (available) => new OrbitNotFoundError({ requested, available }),
    );
  }

  async #organizationId(options: OrbitRequestOptions): Promise<string> {
    const given = optionalId(options.organizationId, "organizationId");
    if (given) return given;
    const { organizationId } = await this.#context.defaults(options.signal);
    if (!organizationId) {
      throw new ConfigurationError({
        message:
          "No organization: pass `organizationId`, or configure the client's `organization` (id or name).",
      });
    }
    return organizationId;
  }
}
