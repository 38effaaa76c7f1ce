import { OrganizationNotFoundError } from "../errors";
import { type Organization, organizationListSchema } from "../models/organization";
import { parseResponse } from "../models/parse-response";
import { findByIdOrName } from "./find-by-id-or-name";
import { checkOptionNames, optionNames } from "./option-names";
import { callOptions, type RequestOptions, type ResourceContext } from "./resource-context";
import { optionalId } from "./validate";

/** The organizations the API key's user belongs to. */
export class OrganizationsResource {
  readonly #context: ResourceContext;

  /** Created by `LumlClient`. */
  constructor(context: ResourceContext) {
    this.#context = context;
  }

  /**
   * Lists the user's organizations.
   *
   * @example
   * ```ts
   * for (const organization of await luml.organizations.list()) console.log(organization.name);
   * ```
   */
  async list(options: RequestOptions = {}): Promise<Organization[]> {
    checkOptionNames(options, optionNames.request, "organizations.list");
    const path = "/v1/users/me/organizations";
    const response = await this.#context.transport.request({
      method: "GET",
      path,
      ...callOptions(options),
    });
    return parseResponse(organizationListSchema, response.body, { method: "GET", url: path });
  }

  /**
   * One organization by id or exact name; without one, the client's default.
   * Throws `OrganizationNotFoundError` (listing the available ones) when absent.
   *
   * @example
   * ```ts
   * const organization = await luml.organizations.get("My Org");
   * const orbits = await luml.orbits.list({ organizationId: organization.id });
   * ```
   */
  async get(idOrName?: string, options: RequestOptions = {}): Promise<Organization> {
    checkOptionNames(options, optionNames.request, "organizations.get");
    const requested =
      optionalId(idOrName, "organization") ??
      (await this.#context.defaults(options.signal)).organizationId;
    const organizations = await this.list(options);
    if (requested === undefined) {
      throw new OrganizationNotFoundError({
        requested: "(no default organization)",
        available: organizations,
      });
    }
    return findByIdOrName(
      organizations,
      requested,
      "Organization",
      (available) => new OrganizationNotFoundError({ requested, available }),
    );
  }
}
