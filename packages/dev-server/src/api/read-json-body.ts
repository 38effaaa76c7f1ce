import type { Context } from "hono";
import { throwIfInvalid, type ValidationIssue } from "./http-error";
import { parseJsonText } from "./parse-json-text";
import { checkUuid, isRecord } from "./validate";

/**
 * Reads the JSON body (its size already bounded by the body-size middleware);
 * a malformed or too deeply nested one is recorded as an issue and yields `undefined`.
 */
export async function readJsonValue(c: Context, issues: ValidationIssue[]): Promise<unknown> {
  return parseJsonText(await c.req.text(), issues);
}

/**
 * Reads the JSON object body. A malformed, too deeply nested or non-object body
 * is answered at once with a 422 naming that problem alone: field checks over a
 * body that could not be read would only add noise.
 */
export async function readJsonBody(c: Context): Promise<Record<string, unknown>> {
  const issues: ValidationIssue[] = [];
  const body = await readJsonValue(c, issues);
  if (issues.length === 0 && !isRecord(body)) {
    issues.push({
      loc: ["body"],
      msg: "Input should be a valid dictionary or object",
      type: "model_attributes_type",
      input: body,
    });
  }
  throwIfInvalid(issues);
  return body as Record<string, unknown>;
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
