/** An id/name pair, as listed in not-found errors. */
export interface AvailableResource {
  id: string;
  name: string;
}

/** Renders `Orbit(id=…, name="…"), …`, or `none` for an empty list. */
export function describeAvailable(
  kind: string,
  available: ReadonlyArray<AvailableResource>,
): string {
  if (available.length === 0) return "none";
  return available
    .map((item) => `${kind}(id=${item.id}, name=${JSON.stringify(item.name)})`)
    .join(", ");
}
