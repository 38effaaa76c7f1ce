import { BadRequestError } from "../errors";

/** The artifact columns the service sorts by; any other `sortBy` must be a metric key. */
export const artifactSortColumns = [
  "created_at",
  "name",
  "size",
  "description",
  "status",
  "type",
] as const;

/**
 * What the service's `400` for an unknown sort key becomes: the same error, its
 * message kept as the service words it, followed by what `sortBy` may be (the
 * built-in columns and the collection's metric keys, read with `metricKeys`).
 * Any other error, or one for a built-in column, is returned unchanged.
 */
export async function explainUnknownSortKey(
  error: unknown,
  sortBy: string | undefined,
  metricKeys: () => Promise<string[]>,
): Promise<unknown> {
  if (
    sortBy === undefined ||
    !BadRequestError.isInstance(error) ||
    (artifactSortColumns as readonly string[]).includes(sortBy)
  ) {
    return error;
  }
  // The explanation is a courtesy: if it cannot be read, the service's error stands.
  const keys = await metricKeys().catch(() => undefined);
  const metrics =
    keys === undefined
      ? ""
      : keys.length === 0
        ? "; no artifact of this collection has a metric yet"
        : `, or a metric of this collection: ${keys.join(", ")}`;
  return new BadRequestError({
    status: error.status,
    body: error.body,
    headers: error.headers,
    method: error.method,
    url: error.url,
    message: `${error.message} (sortBy ${JSON.stringify(sortBy)}: sort by ${artifactSortColumns.join(", ")}${metrics})`,
    cause: error,
  });
}
