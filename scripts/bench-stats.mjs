// The figures every benchmark prints (packages/*/bench, run by `pnpm bench` through
// scripts/bench.mjs or on their own with plain Node): the median of a list of
// measurements, its spread, and a target's verdict.

/** The median of a list of numbers (the mean of the middle two when the count is even). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** "median (min–max)" of a list, each figure with `digits` decimals. */
export function spread(values, digits = 0) {
  const format = (value) => value.toFixed(digits);
  return `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
}

/** "PASS" when a target is met, "FAIL" when it is not. */
export function verdict(ok) {
  return ok ? "PASS" : "FAIL";
}
