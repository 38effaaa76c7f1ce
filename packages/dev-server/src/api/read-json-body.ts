import type { Context } from "hono";
import type { ValidationIssue } from "./http-error";
import { checkUuid, isRecord } from "./validate";

/**
 * Reads the JSON object body; malformed JSON or a non-object is recorded as a
 * FastAPI-style issue and yields an empty object.
 */
export async function readJsonBody(
  c: Context,
  issues: ValidationIssue[],
): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    issues.push({ loc: ["body"], msg: "JSON decode error", type: "json_invalid" });
    return {};
  }
  if (!isRecord(body)) {
    issues.push({
      loc: ["body"],
      msg: "Input should be a valid dictionary or object",
      type: "model_attributes_type",
      input: body,
    });
    return {};
  }
  return body;
}

/** Field checks of a JSON body, each recording a FastAPI-style issue on failure. */
export class BodyChecker {
  constructor(
    private readonly body: Record<string, unknown>,
    readonly issues: ValidationIssue[],
  ) {}

  private missing(field: string): boolean {
    if (field in this.body) return false;
    this.issues.push({ loc: ["body", field], msg: "Field required", type: "missing" });
    return true;
  }

  private wrong(field: string, msg: string, type: string): undefined {
    this.issues.push({ loc: ["body", field], msg, type, input: this.body[field] });
    return undefined;
  }

  /** A string field; `nullable` admits null; optional fields may be absent. */
  string(
    field: string,
    options: { required?: boolean; nullable?: boolean; pattern?: RegExp } = {},
  ): string | null | undefined {
    if (!(field in this.body)) {
      if (options.required) this.missing(field);
      return undefined;
    }
    const value = this.body[field];
    if (value === null && options.nullable) return null;
    if (typeof value !== "string")
      return this.wrong(field, "Input should be a valid string", "string_type");
    if (options.pattern && !options.pattern.test(value)) {
      return this.wrong(
        field,
        `String should match pattern '${options.pattern.source}'`,
        "string_pattern_mismatch",
      );
    }
    return value;
  }

  /** A required UUID field. */
  uuid(field: string): string | undefined {
    if (this.missing(field)) return undefined;
    const value = checkUuid(this.body[field], ["body", field], this.issues);
    return value || undefined;
  }

  /** A required integer field within bounds. */
  integer(field: string, min: number, max: number): number | undefined {
    if (this.missing(field)) return undefined;
    const value = this.body[field];
    if (typeof value !== "number" || !Number.isInteger(value)) {
      return this.wrong(field, "Input should be a valid integer", "int_type");
    }
    if (value < min)
      return this.wrong(
        field,
        `Input should be greater than or equal to ${min}`,
        "greater_than_equal",
      );
    if (value > max)
      return this.wrong(field, `Input should be less than or equal to ${max}`, "less_than_equal");
    return value;
  }

  /** A JSON object field; optional ones default to `{}`. */
  object(field: string, options: { required?: boolean } = {}): Record<string, unknown> | undefined {
    if (!(field in this.body)) {
      if (options.required) this.missing(field);
      return options.required ? undefined : {};
    }
    const value = this.body[field];
    if (!isRecord(value))
      return this.wrong(field, "Input should be a valid dictionary", "dict_type");
    return value;
  }

  /** An optional list of strings (or null). */
  stringList(field: string): string[] | null | undefined {
    if (!(field in this.body)) return undefined;
    const value = this.body[field];
    if (value === null) return null;
    if (!Array.isArray(value))
      return this.wrong(field, "Input should be a valid list", "list_type");
    value.forEach((item, index) => {
      if (typeof item !== "string") {
        this.issues.push({
          loc: ["body", field, index],
          msg: "Input should be a valid string",
          type: "string_type",
          input: item,
        });
      }
    });
    return value as string[];
  }

  /** An optional enum field (or null). */
  choice<T extends string>(
    field: string,
    allowed: readonly T[],
    options: { nullable?: boolean } = {},
  ): T | null | undefined {
    if (!(field in this.body)) return undefined;
    const value = this.body[field];
    if (value === null && options.nullable) return null;
    if (typeof value === "string" && (allowed as readonly string[]).includes(value))
      return value as T;
    const expected = allowed.map((item) => `'${item}'`).join(", ");
    return this.wrong(field, `Input should be ${expected}`, "enum");
  }
}
