/** Formatting helpers of the page's table. */

/** `3145728` → `3.0 MiB`. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Metrics print with three decimals; other values as they are; missing ones as a dash. */
export function formatMetric(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(3);
  if (value === undefined || value === null) return "–";
  return String(value);
}

/** A readable message for anything thrown: the SDK's errors carry one already. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** `2026-01-15T10:30:00Z` → the local date and time. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString();
}
