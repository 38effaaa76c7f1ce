/** An id/name pair, as listed in not-found errors. */
export interface AvailableResource {
  /** The resource's id, usable wherever the SDK accepts an id. */
  id: string;
  /** The resource's display name, usable wherever the SDK accepts a name. */
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
