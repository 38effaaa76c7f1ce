import { Hono } from "hono";
import type { CollectionRow } from "./access";
import type { ApiEnv, ApiSettings } from "./api-context";
import { COLLECTION_ADMITS } from "./artifact-type";
import type { ValidationIssue } from "./http-error";
import { keysetPage } from "./keyset-page";
import { requireScope } from "./resolve-scope";
import { serializeCollection } from "./serialize";
import { checkEnum, checkIntegerQuery } from "./validate";

const COLLECTION_SORT_KEYS = [
  "created_at",
  "name",
  "type",
  "description",
  "total_artifacts",
] as const;
const ORDERS = ["asc", "desc"] as const;
const COLLECTION_TYPES = Object.keys(COLLECTION_ADMITS);

/** Collections of an orbit: the page and one collection. */
export function collectionRoutes(settings: ApiSettings): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { db } = settings;
  const base = "/organizations/:organization_id/orbits/:orbit_id/collections";

  app.get(base, (c) => {
    const issues: ValidationIssue[] = [];
    const limit = checkIntegerQuery(
      c.req.query("limit"),
      "limit",
      { min: 1, max: 100, fallback: 50 },
      issues,
    );
    const sortBy = checkEnum(
      c.req.query("sort_by") ?? "created_at",
      COLLECTION_SORT_KEYS,
      ["query", "sort_by"],
      issues,
    );
    const order = checkEnum(c.req.query("order") ?? "desc", ORDERS, ["query", "order"], issues);
    const types = (c.req.queries("types") ?? []).map((type, index) =>
      checkEnum(type, COLLECTION_TYPES, ["query", "types", index], issues),
    );
    const { orbit } = requireScope(c, settings, ["orbit"], issues);
    const search = c.req.query("search") ?? "";

    const where = ["c.orbit_id = ?"];
    const parameters: unknown[] = [orbit.id];
    if (types.length > 0) {
      where.push(`c.type IN (${types.map(() => "?").join(", ")})`);
      parameters.push(...types);
    }
    if (search) {
      where.push(
        "(instr(lower(c.name), lower(?)) > 0 OR EXISTS (SELECT 1 FROM json_each(c.tags) t WHERE instr(lower(t.value), lower(?)) > 0))",
      );
      parameters.push(search, search);
    }
    const page = keysetPage<CollectionRow & { sort_value: unknown; total_artifacts: number }>(db, {
      // sortBy is one of COLLECTION_SORT_KEYS, all columns of the inner select.
      select: `SELECT *, ${sortBy} AS sort_value FROM (
          SELECT c.*, (SELECT COUNT(*) FROM artifacts a WHERE a.collection_id = c.id) AS total_artifacts
          FROM collections c WHERE ${where.join(" AND ")})`,
      parameters,
      limit,
      cursor: c.req.query("cursor"),
      scope: {
        sortBy: sortBy ?? "created_at",
        order: order ?? "desc",
        filters: { types: [...types].sort(), search },
      },
    });
    return c.json({
      items: page.rows.map((row) => serializeCollection(row, row.total_artifacts)),
      cursor: page.cursor,
    });
  });

  app.get(`${base}/:collection_id`, (c) => {
    const { collection } = requireScope(c, settings, ["collection"]);
    const total = db
      .prepare("SELECT COUNT(*) AS n FROM artifacts WHERE collection_id = ?")
      .get(collection.id) as {
      n: number;
    };
    const tags = db
      .prepare(
        "SELECT DISTINCT t.value AS tag FROM artifacts a, json_each(a.tags) t WHERE a.collection_id = ? ORDER BY tag",
      )
      .all(collection.id) as Array<{ tag: string }>;
    const keys = db
      .prepare(
        "SELECT DISTINCT k.key AS key FROM artifacts a, json_each(a.extra_values) k WHERE a.collection_id = ? ORDER BY key",
      )
      .all(collection.id) as Array<{ key: string }>;
    return c.json({
      ...serializeCollection(collection, total.n),
      artifacts_tags: tags.map((row) => row.tag),
      artifacts_extra_values: keys.map((row) => row.key),
    });
  });

  return app;
}
