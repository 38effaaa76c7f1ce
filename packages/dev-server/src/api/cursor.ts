import { createHash } from "node:crypto";

/** Where the previous page ended: the last row's sort value and id. */
export interface CursorPosition {
  value: unknown;
  id: string;
}

/** What a cursor is bound to: it only continues a listing with the same sort and filters. */
export interface CursorScope {
  sortBy: string;
  order: "asc" | "desc";
  filters: unknown;
}

/** A short stable digest of the filters, so a cursor can tell it is reused elsewhere. */
export function filtersHash(filters: unknown): string {
  return createHash("sha256").update(JSON.stringify(filters)).digest("hex").slice(0, 16);
}

/** Encodes a cursor: base64url of `[value, id, sort_by, order, filters hash]`. */
export function encodeCursor(position: CursorPosition, scope: CursorScope): string {
  const payload = [
    position.value,
    position.id,
    scope.sortBy,
    scope.order,
    filtersHash(scope.filters),
  ];
  return Buffer.from(JSON.stringify(payload)).toString("base64url");
}

/**
 * Decodes a cursor issued for the same scope; anything else (another sort, other
 * filters, garbage) yields `undefined`, which restarts the listing at page one.
 */
export function decodeCursor(
  cursor: string | undefined,
  scope: CursorScope,
): CursorPosition | undefined {
  if (!cursor) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(payload) || payload.length !== 5) return undefined;
    const [value, id, sortBy, order, hash] = payload;
    if (typeof id !== "string" || sortBy !== scope.sortBy || order !== scope.order)
      return undefined;
    if (hash !== filtersHash(scope.filters)) return undefined;
    return { value, id };
  } catch {
    return undefined;
  }
}
