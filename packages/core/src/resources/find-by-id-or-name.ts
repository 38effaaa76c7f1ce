import { MultipleResourcesFoundError } from "../errors";

/**
 * Picks the item whose id is `value`, else the single item named exactly
 * `value`. Several with that name → `MultipleResourcesFoundError`; none →
 * the error `notFound` builds from what is available.
 */
export function findByIdOrName<T extends { id: string; name: string }>(
  items: readonly T[],
  value: string,
  kind: string,
  notFound: (available: T[]) => Error,
): T {
  const byId = items.find((item) => item.id === value);
  if (byId) return byId;
  const byName = items.filter((item) => item.name === value);
  if (byName.length > 1) {
    throw new MultipleResourcesFoundError({
      resource: kind,
      name: value,
      ids: byName.map((item) => item.id),
    });
  }
  const [match] = byName;
  if (match) return match;
  throw notFound([...items]);
}
