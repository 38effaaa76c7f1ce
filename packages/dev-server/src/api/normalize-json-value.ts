import type { ValidationIssue } from "./http-error";

/**
 * A copy of a parsed JSON value whose objects have no prototype, recording an
 * issue at the location of every number JSON cannot hold (`1e400` parses to
 * Infinity; stored, it would come back as `null`).
 *
 * Without a prototype, a key such as `constructor`, `toString` or `__proto__` is
 * only ever the caller's data: `in` checks and property reads never meet
 * `Object.prototype`, and copying such an object keeps every key.
 *
 * Recursive: callers bound the depth first (see `exceedsJsonNestingDepth`).
 */
export function normalizeJsonValue(
  value: unknown,
  loc: Array<string | number>,
  issues: ValidationIssue[],
): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      issues.push({ loc, msg: "Input should be a finite number", type: "finite_number" });
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => normalizeJsonValue(item, [...loc, index], issues));
  }
  if (typeof value === "object" && value !== null) {
    const copy: Record<string, unknown> = Object.create(null);
    for (const [key, item] of Object.entries(value)) {
      // A plain assignment is safe: without a prototype there is no `__proto__` setter.
      copy[key] = normalizeJsonValue(item, [...loc, key], issues);
    }
    return copy;
  }
  return value;
}
