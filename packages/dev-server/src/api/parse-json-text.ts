import type { ValidationIssue } from "./http-error";
import { exceedsJsonNestingDepth } from "./json-nesting-depth";
import { normalizeJsonValue } from "./normalize-json-value";

/** The deepest nesting of arrays and objects a request body may have; the body object is level 1. */
export const MAX_JSON_NESTING_DEPTH = 128;

/**
 * Parses a request body's JSON text into prototype-free objects (see
 * {@link normalizeJsonValue}), recording FastAPI-style issues and returning
 * `undefined` when it is malformed, nests deeper than
 * {@link MAX_JSON_NESTING_DEPTH} levels (checked first, so nothing recursive
 * ever meets a deeper value) or holds a number JSON cannot represent.
 */
export function parseJsonText(text: string, issues: ValidationIssue[]): unknown {
  if (exceedsJsonNestingDepth(text, MAX_JSON_NESTING_DEPTH)) {
    issues.push({
      loc: ["body"],
      msg: `JSON nesting is deeper than ${MAX_JSON_NESTING_DEPTH} levels`,
      type: "json_too_deep",
    });
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    issues.push({ loc: ["body"], msg: "JSON decode error", type: "json_invalid" });
    return undefined;
  }
  const before = issues.length;
  const value = normalizeJsonValue(parsed, ["body"], issues);
  return issues.length > before ? undefined : value;
}
