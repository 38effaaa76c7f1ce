import type { ValidationIssue } from "./http-error";

const UUID_PATTERN = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** Checks a path/query/body value is a UUID, recording a FastAPI-style issue if not. */
export function checkUuid(
  value: unknown,
  loc: ValidationIssue["loc"],
  issues: ValidationIssue[],
): string {
  if (typeof value === "string" && UUID_PATTERN.test(value)) return value.toLowerCase();
  issues.push({
    loc,
    msg: "Input should be a valid UUID",
    type: "uuid_parsing",
    input: value,
  });
  return "";
}

/** Parses an integer query parameter within bounds, FastAPI-style. */
export function checkIntegerQuery(
  raw: string | undefined,
  name: string,
  bounds: { min: number; max: number; fallback: number },
  issues: ValidationIssue[],
): number {
  if (raw === undefined) return bounds.fallback;
  const loc = ["query", name];
  if (!/^-?\d+$/.test(raw.trim())) {
    issues.push({
      loc,
      msg: "Input should be a valid integer, unable to parse string as an integer",
      type: "int_parsing",
      input: raw,
    });
    return bounds.fallback;
  }
  const value = Number(raw);
  if (value < bounds.min) {
    issues.push({
      loc,
      msg: `Input should be greater than or equal to ${bounds.min}`,
      type: "greater_than_equal",
      input: raw,
    });
  } else if (value > bounds.max) {
    issues.push({
      loc,
      msg: `Input should be less than or equal to ${bounds.max}`,
      type: "less_than_equal",
      input: raw,
    });
  }
  return value;
}

/** Checks a value is one of `allowed`, FastAPI-style. */
export function checkEnum<T extends string>(
  value: unknown,
  allowed: readonly T[],
  loc: ValidationIssue["loc"],
  issues: ValidationIssue[],
): T | undefined {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value))
    return value as T;
  const expected =
    allowed.length === 1
      ? `'${allowed[0]}'`
      : `${allowed
          .slice(0, -1)
          .map((item) => `'${item}'`)
          .join(", ")} or '${allowed[allowed.length - 1]}'`;
  issues.push({ loc, msg: `Input should be ${expected}`, type: "enum", input: value });
  return undefined;
}

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
