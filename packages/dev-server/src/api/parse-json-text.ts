import type { ValidationIssue } from "./http-error";
import { exceedsJsonNestingDepth } from "./json-nesting-depth";

/** The deepest nesting of arrays and objects a request body may have; the body object is level 1. */
export const MAX_JSON_NESTING_DEPTH = 128;

/**
 * Parses a request body's JSON text, recording a FastAPI-style issue and
 * returning `undefined` when it is malformed or nests deeper than
 * {@link MAX_JSON_NESTING_DEPTH} levels (checked first, so nothing recursive
 * ever meets a deeper value).
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
  try {
    return JSON.parse(text);
  } catch {
    issues.push({ loc: ["body"], msg: "JSON decode error", type: "json_invalid" });
    return undefined;
  }
}
