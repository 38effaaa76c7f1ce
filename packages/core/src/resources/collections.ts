import {
  CollectionNotFoundError,
  ConfigurationError,
  InvalidArgumentError,
  MultipleResourcesFoundError,
  NotFoundError,
} from "../errors";
import {
  type Collection,
  type CollectionDetails,
  collectionDetailsSchema,
  collectionSchema,
} from "../models/collection";
import { CollectionType, type SortOrder } from "../models/enums";
import { type Page, pageSchema } from "../models/page";
import { parseResponse } from "../models/parse-response";
import { itemsOfEveryPage } from "./every-page";
import { checkOptionNames, optionNames } from "./option-names";
import { callOptions, type RequestOptions, type ResourceContext } from "./resource-context";
import { type OrbitScope, type OrbitScopeOptions, orbitPath, resolveOrbitScope } from "./scope";
import {
  looksLikeId,
  optionalCursor,
  optionalId,
  optionalString,
  validateEnumList,
  validateLimit,
  validateOrder,
} from "./validate";

/** Columns collections can be sorted by. */
export const collectionSortColumns = [
  "created_at",
  "name",
  "type",
  "description",
  "total_artifacts",
] as const;

/** A column collections can be sorted by. */
export type CollectionSortColumn = (typeof collectionSortColumns)[number];

/** Options of `collections.list`. */
export interface ListCollectionsOptions extends OrbitScopeOptions {
  /** The cursor of the previous page (its `cursor`); absent for the first page. */
  startAfter?: string | null | undefined;
  /** Page size, 1–100 (server default 50). */
  limit?: number | undefined;
  /** Sort column (default `created_at`). */
  sortBy?: CollectionSortColumn | undefined;
  /** Sort direction (default `desc`). */
  order?: SortOrder | undefined;
  /** Case-insensitive substring of the name or of a tag. */
  search?: string | undefined;
  /** Only collections of these types. */
  types?: CollectionType[] | undefined;
}

/** Options of `collections.listAll`. */
export type ListAllCollectionsOptions = Omit<ListCollectionsOptions, "startAfter">;

const collectionPageSchema = pageSchema(collectionSchema);

/** The collections of an orbit. */
export class CollectionsResource {
  readonly #context: ResourceContext;

  /** Created by `LumlClient`. */
  constructor(context: ResourceContext) {
    this.#context = context;
  }

  /**
   * One page of collections; pass its `cursor` as `startAfter` for the next.
   *
   * @example
   * ```ts
   * const page = await luml.collections.list({ search: "churn", sortBy: "name", order: "asc" });
   * for (const collection of page.items) console.log(collection.name, collection.total_artifacts);
   * ```
   */
  async list(options: ListCollectionsOptions = {}): Promise<Page<Collection>> {
    checkOptionNames(options, optionNames.listCollections, "collections.list");
    const query = collectionQuery(options);
    const scope = await resolveOrbitScope(this.#context, options);
    const path = `${orbitPath(scope)}/collections`;
    const response = await this.#context.transport.request({
      method: "GET",
      path,
      query,
      ...callOptions(options),
    });
    return parseResponse(collectionPageSchema, response.body, { method: "GET", url: path });
  }

  /**
   * Every collection, fetching pages lazily as the loop advances.
   * A page whose `cursor` repeats one already followed (which would page forever)
   * ends the loop with `APIResponseValidationError`. A bad option throws at the call,
   * before any request.
   *
   * @example
   * ```ts
   * for await (const collection of luml.collections.listAll({ types: ["model"] })) {
   *   console.log(collection.id, collection.name);
   * }
   * ```
   */
  listAll(options: ListAllCollectionsOptions = {}): AsyncGenerator<Collection, void, undefined> {
    // Checked here, not at the first `next()`: a bad option fails where it is written.
    checkOptionNames(options, optionNames.listAllCollections, "collections.listAll");
    collectionQuery(options);
    return itemsOfEveryPage((startAfter) => this.list({ ...options, startAfter }));
  }

  /**
   * One collection (with its artifacts' tag and metric keys) by id or exact
   * name; without one, the client's default. Throws `CollectionNotFoundError`
   * listing the available ones, or `MultipleResourcesFoundError` when several
   * share the name.
   *
   * @example
   * ```ts
   * const collection = await luml.collections.get("Models");
   * console.log(collection.artifacts_extra_values); // the metric keys to sort artifacts by
   * ```
   */
  async get(idOrName?: string, options: OrbitScopeOptions = {}): Promise<CollectionDetails> {
    checkOptionNames(options, optionNames.orbitScope, "collections.get");
    const given = optionalId(idOrName, "collection");
    const requested = given ?? (await this.#context.defaults(options.signal)).collectionId;
    if (requested === undefined) {
      throw new ConfigurationError({
        message: "No collection given and no default collection configured.",
      });
    }
    const scope = await resolveOrbitScope(this.#context, options);
    const id = looksLikeId(requested) ? requested : await this.#idByName(scope, requested, options);
    try {
      return await this.#details(scope, id, options);
    } catch (error) {
      if (!NotFoundError.isInstance(error)) throw error;
      throw new CollectionNotFoundError({
        requested,
        available: await this.#available(scope, options),
        cause: error,
      });
    }
  }

  async #idByName(scope: OrbitScope, name: string, options: RequestOptions): Promise<string> {
    const matches: Collection[] = [];
    for await (const collection of this.listAll({
      ...callOptions(options),
      ...scope,
      search: name,
      limit: 100,
    })) {
      if (collection.name === name) matches.push(collection);
    }
    if (matches.length > 1) {
      throw new MultipleResourcesFoundError({
        resource: "Collection",
        name,
        ids: matches.map((item) => item.id),
      });
    }
    const [match] = matches;
    if (match) return match.id;
    throw new CollectionNotFoundError({
      requested: name,
      available: await this.#available(scope, options),
    });
  }

  async #details(
    scope: OrbitScope,
    id: string,
    options: RequestOptions,
  ): Promise<CollectionDetails> {
    const path = `${orbitPath(scope)}/collections/${encodeURIComponent(id)}`;
    const response = await this.#context.transport.request({
      method: "GET",
      path,
      ...callOptions(options),
    });
    return parseResponse(collectionDetailsSchema, response.body, { method: "GET", url: path });
  }

  /** The first 100 collections, to list in a not-found error. */
  async #available(scope: OrbitScope, options: RequestOptions): Promise<Collection[]> {
    return (await this.list({ ...callOptions(options), ...scope, limit: 100 })).items;
  }
}

function collectionQuery(options: ListCollectionsOptions) {
  const sortBy = optionalString(options.sortBy, "sortBy");
  if (sortBy !== undefined && !collectionSortColumns.includes(sortBy as CollectionSortColumn)) {
    throw new InvalidArgumentError({
      argument: "sortBy",
      message: `collections sort by one of ${collectionSortColumns.join(", ")}; got ${JSON.stringify(sortBy)}`,
    });
  }
  return {
    cursor: optionalCursor(options.startAfter),
    limit: validateLimit(options.limit),
    sort_by: sortBy,
    order: validateOrder(options.order),
    search: optionalString(options.search, "search"),
    types: validateEnumList(options.types, Object.values(CollectionType), "types"),
  };
}
