import type { Db } from "../database/open-database";
import { type CursorScope, decodeCursor, encodeCursor } from "./cursor";

/** A keyset-paginated query over rows that expose `sort_value` and `id`. */
export interface KeysetQuery {
  /** `SELECT …, <sort expression> AS sort_value FROM … WHERE <filters>`, selecting `id`, without ORDER/LIMIT. */
  select: string;
  parameters: unknown[];
  limit: number;
  cursor: string | undefined;
  scope: CursorScope;
}

/** One page of rows plus the cursor of the next page (`null` on the last one). */
export interface KeysetPage<Row> {
  rows: Row[];
  cursor: string | null;
}

/**
 * Runs a keyset page: ordered by the sort expression with rows lacking a value
 * last in both orders, ties broken by id, continuing strictly after the cursor.
 */
export function keysetPage<Row extends { id: string; sort_value: unknown }>(
  db: Db,
  query: KeysetQuery,
): KeysetPage<Row> {
  const direction = query.scope.order === "asc" ? "ASC" : "DESC";
  const after = query.scope.order === "asc" ? ">" : "<";
  const position = decodeCursor(query.cursor, query.scope);
  const parameters = [...query.parameters];
  let condition = "1";
  if (position && (position.value === null || position.value === undefined)) {
    condition = `sort_value IS NULL AND id ${after} ?`;
    parameters.push(position.id);
  } else if (position) {
    condition = `(sort_value IS NULL OR sort_value ${after} ? OR (sort_value = ? AND id ${after} ?))`;
    parameters.push(position.value, position.value, position.id);
  }
  const sql = `SELECT * FROM (${query.select}) WHERE ${condition}
    ORDER BY (sort_value IS NULL) ASC, sort_value ${direction}, id ${direction} LIMIT ?`;
  parameters.push(query.limit + 1);
  const rows = db.prepare(sql).all(...(parameters as never[])) as Row[];
  const hasMore = rows.length > query.limit;
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows[pageRows.length - 1];
  return {
    rows: pageRows,
    cursor:
      hasMore && last ? encodeCursor({ value: last.sort_value, id: last.id }, query.scope) : null,
  };
}
