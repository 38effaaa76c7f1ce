import type { FaultAction } from "./types";

const CUTS = ["mid-body", "before-response", "after-handling"];
const STALLS = ["after-headers", "mid-body", "request"];

function isNonNegativeInteger(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/**
 * Why `action` is not one of the {@link FaultAction} shapes, or `undefined` when it
 * is. Checked when a rule is added: an unknown action would otherwise match
 * requests and do something else than what the test meant.
 */
export function faultActionProblem(action: unknown): string | undefined {
  if (typeof action !== "object" || action === null) return "the action must be an object";
  const fields = action as Record<string, unknown>;
  if ("status" in fields) {
    const valid =
      isNonNegativeInteger(fields.status) &&
      (fields.status as number) >= 100 &&
      (fields.status as number) <= 599 &&
      (fields.retryAfter === undefined || isNonNegativeInteger(fields.retryAfter)) &&
      (fields.body === undefined || typeof fields.body === "string");
    return valid ? undefined : "status must be 100-599, retryAfter seconds, body a string";
  }
  if ("delayMs" in fields) {
    return isNonNegativeInteger(fields.delayMs) ? undefined : "delayMs must be milliseconds";
  }
  if ("bytesPerSecond" in fields) {
    const rate = fields.bytesPerSecond;
    return typeof rate === "number" && Number.isInteger(rate) && rate > 0
      ? undefined
      : "bytesPerSecond must be a positive integer";
  }
  if ("cut" in fields) {
    return CUTS.includes(fields.cut as string)
      ? undefined
      : `cut must be one of ${CUTS.join(", ")}`;
  }
  if ("stall" in fields) {
    return STALLS.includes(fields.stall as string)
      ? undefined
      : `stall must be one of ${STALLS.join(", ")}`;
  }
  if ("corrupt" in fields) return fields.corrupt === true ? undefined : "corrupt must be true";
  return "the action must have status, delayMs, bytesPerSecond, cut, stall or corrupt";
}
