import type { Context } from "hono";
import type { ApiEnv, ApiSettings } from "./api-context";
import { ARTIFACT_TYPES } from "./artifact-type";
import { HttpError, type ValidationIssue } from "./http-error";
import { keysetPage } from "./keyset-page";
import { requireScope } from "./resolve-scope";
import { type ArtifactRow, serializeArtifact, usagesOf } from "./serialize";
import { checkEnum, checkIntegerQuery, checkUuid } from "./validate";

/** Sort keys that are artifact columns; any other key must be a metric. */
const COLUMN_SORT_KEYS = new Set(["created_at", "name", "size", "description", "status", "type"]);
const ORDERS = ["asc", "desc"] as const;

/** `GET …/orbits/{orbit}/artifacts`: a keyset page of the orbit's artifacts. */
export function listArtifacts(c: Context<ApiEnv>, settings: ApiSettings): Response {
  const issues: ValidationIssue[] = [];
  const limit = checkIntegerQuery(
    c.req.query("limit"),
    "limit",
    { min: 1, max: 100, fallback: 50 },
    issues,
  );
  const order =
    checkEnum(c.req.query("order") ?? "desc", ORDERS, ["query", "order"], issues) ?? "desc";
  const types = (c.req.queries("types") ?? []).map((type, index) =>
    checkEnum(type, ARTIFACT_TYPES, ["query", "types", index], issues),
  );
  const collectionIds = (c.req.queries("collection_ids") ?? []).map((id, index) =>
    checkUuid(id, ["query", "collection_ids", index], issues),
  );
  const { orbit } = requireScope(c, settings, ["orbit"], issues);
  const sortBy = c.req.query("sort_by") ?? "created_at";
  const search = c.req.query("search") ?? "";

  const where = ["c.orbit_id = ?"];
  const filterParameters: unknown[] = [orbit.id];
  if (collectionIds.length > 0) {
    where.push(`a.collection_id IN (${collectionIds.map(() => "?").join(", ")})`);
    filterParameters.push(...collectionIds);
  }
  // Metric sort keys are looked up over the listed collections, before narrower filters.
  const collectionsFrom = `FROM artifacts a JOIN collections c ON c.id = a.collection_id WHERE ${where.join(" AND ")}`;
  const collectionParameters = [...filterParameters];
  if (types.length > 0) {
    where.push(`a.type IN (${types.map(() => "?").join(", ")})`);
    filterParameters.push(...types);
  }
  if (search) {
    where.push("instr(lower(a.name), lower(?)) > 0");
    filterParameters.push(search);
  }
  const from = `FROM artifacts a JOIN collections c ON c.id = a.collection_id WHERE ${where.join(" AND ")}`;
  const sort = sortExpression(settings, sortBy, collectionsFrom, collectionParameters);

  const page = keysetPage<ArtifactRow & { sort_value: unknown; collection_name: string }>(
    settings.db,
    {
      select: `SELECT a.*, c.name AS collection_name, ${sort.expression} AS sort_value ${from}`,
      parameters: [...sort.parameters, ...filterParameters],
      limit,
      cursor: c.req.query("cursor"),
      scope: {
        sortBy,
        order,
        filters: { collectionIds: [...collectionIds].sort(), types: [...types].sort(), search },
      },
    },
  );
  return c.json({
    items: page.rows.map((row) => ({
      ...serializeArtifact(row),
      collection_name: row.collection_name,
      deployments: usagesOf(settings.db, row.id, "deployment"),
    })),
    cursor: page.cursor,
  });
}

/**
 * The SQL sorted on: a column, or a metric present in the listed artifacts'
 * `extra_values` (400 otherwise, and for `extra_values` itself).
 */
function sortExpression(
  settings: ApiSettings,
  sortBy: string,
  collectionsFrom: string,
  collectionParameters: unknown[],
): { expression: string; parameters: unknown[] } {
  if (COLUMN_SORT_KEYS.has(sortBy)) return { expression: `a.${sortBy}`, parameters: [] };
  if (sortBy === "extra_values") throw new HttpError(400, "Invalid sorting column: extra_values");
  const present = settings.db
    .prepare(
      `SELECT 1 ${collectionsFrom} AND EXISTS (SELECT 1 FROM json_each(a.extra_values) k WHERE k.key = ?) LIMIT 1`,
    )
    .get(...(collectionParameters as never[]), sortBy);
  if (!present) throw new HttpError(400, `Invalid sorting column: ${sortBy}`);
  return {
    expression: "(SELECT k.value FROM json_each(a.extra_values) k WHERE k.key = ?)",
    parameters: [sortBy],
  };
}
