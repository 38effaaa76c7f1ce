import * as v from "valibot";
import { InvalidArgumentError } from "../errors";

/**
 * Checks a value that arrived from elsewhere (JSON a page posted, a plan its server
 * answered) against `schema`, before anything is done with it. The first problem
 * becomes an `InvalidArgumentError` naming where it is (`plan.multipart.parts.2.url`).
 */
export function parseArgument<TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: unknown,
  argument: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (result.success) return result.output;
  const [issue] = result.issues;
  const path = v.getDotPath(issue);
  throw new InvalidArgumentError({
    argument: path ? `${argument}.${path}` : argument,
    message: issue.message,
  });
}

/** A JSON object (not an array, not `null`) with any values. */
export const plainObjectSchema = v.pipe(
  // Checked before `record`, which would copy an array's entries into an object.
  v.custom<Record<string, unknown>>(
    (value) => typeof value === "object" && value !== null && !Array.isArray(value),
    "Invalid type: expected an object",
  ),
  v.record(v.string(), v.unknown()),
);

/** A whole number of bytes (or a byte offset). */
export const byteCountSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
