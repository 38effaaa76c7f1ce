import { ARTIFACT_TYPES, type ArtifactType } from "./artifact-type";
import { throwIfInvalid, type ValidationIssue } from "./http-error";
import { parseManifest } from "./manifest";
import { BodyChecker } from "./read-json-body";

/** The service's `file_name` rule: a name, a dot, an extension without whitespace. */
export const FILE_NAME_PATTERN = /^[^:"*`~#%;'^]+\.[^\s:"*`~#%;'^]+$/;
/**
 * What the dev server refuses in a `file_name` beyond the service's pattern: a
 * `/` (the service's storage would make it a nested key) and control characters.
 * The name ends the object key, so with these gone it can never climb out of it.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
const FILE_NAME_REFUSED = /[/\u0000-\u001f\u007f]/;
/** Largest artifact the service accepts: 5 TiB. */
export const MAX_ARTIFACT_SIZE = 5_497_558_138_880;

/** A validated `POST …/artifacts` body. */
export interface CreateArtifactBody {
  file_name: string;
  name: string | null;
  description: string | null;
  extra_values: Record<string, unknown>;
  manifest: Record<string, unknown>;
  file_hash: string;
  file_index: Record<string, [number, number]>;
  size: number;
  tags: string[] | null;
  type: ArtifactType | null;
}

/** Validates the create body; every problem (with `pathIssues`) is one 422. */
export function parseCreateArtifactBody(
  body: Record<string, unknown>,
  issues: ValidationIssue[],
): CreateArtifactBody | undefined {
  const check = new BodyChecker(body, issues);
  const parsed = {
    file_name: check.string("file_name", { required: true, pattern: FILE_NAME_PATTERN }),
    name: check.string("name", { nullable: true }) ?? null,
    description: check.string("description", { nullable: true }) ?? null,
    extra_values: check.object("extra_values"),
    manifest: requiredManifest(body, issues),
    file_hash: check.string("file_hash", { required: true }),
    file_index: check.object("file_index", { required: true }),
    size: check.integer("size", 0, MAX_ARTIFACT_SIZE),
    tags: check.stringList("tags") ?? null,
    type: check.choice("type", ARTIFACT_TYPES, { nullable: true }) ?? null,
  };
  if (typeof parsed.file_name === "string" && FILE_NAME_REFUSED.test(parsed.file_name)) {
    issues.push({
      loc: ["body", "file_name"],
      msg: "String should not contain '/' or control characters",
      type: "string_pattern_mismatch",
      input: parsed.file_name,
    });
  }
  for (const [path, entry] of Object.entries(parsed.file_index ?? {})) {
    const valid =
      Array.isArray(entry) &&
      entry.length === 2 &&
      entry.every((n) => Number.isInteger(n) && n >= 0);
    if (!valid) {
      issues.push({
        loc: ["body", "file_index", path],
        msg: "Input should be a pair of non-negative integers",
        type: "tuple_type",
        input: entry,
      });
    }
  }
  if (issues.length > 0) return undefined;
  return parsed as CreateArtifactBody;
}

/**
 * The body's `manifest`, checked against the service's two forms and normalised
 * (see {@link parseManifest}); a missing one is `Field required`.
 */
function requiredManifest(
  body: Record<string, unknown>,
  issues: ValidationIssue[],
): Record<string, unknown> | undefined {
  if (Object.hasOwn(body, "manifest"))
    return parseManifest(body.manifest, ["body", "manifest"], issues);
  issues.push({ loc: ["body", "manifest"], msg: "Field required", type: "missing" });
  return undefined;
}

/** Throws the 422 if anything failed, else returns the parsed body. */
export function requireParsed<T>(parsed: T | undefined, issues: ValidationIssue[]): T {
  throwIfInvalid(issues);
  return parsed as T;
}
