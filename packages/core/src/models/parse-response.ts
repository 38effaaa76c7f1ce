import * as v from "valibot";
import { APIResponseValidationError } from "../errors";

/**
 * Where the validated value came from, for the error.
 * @internal
 */
export interface ParseResponseContext {
  /** HTTP method of the request that got the reply. */
  method?: string;
  /** URL of the request that got the reply. */
  url?: string;
}

/**
 * Validates a reply against `schema`; unknown fields are kept. Throws
 * `APIResponseValidationError` so malformed data never travels deeper.
 * @internal
 */
export function parseResponse<TSchema extends v.GenericSchema>(
  schema: TSchema,
  data: unknown,
  context: ParseResponseContext = {},
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  throw new APIResponseValidationError({ issues: result.issues, value: data, ...context });
}
