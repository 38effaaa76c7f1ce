import * as v from "valibot";

/**
 * An ISO-8601 timestamp string as the API sends it.
 * @internal
 */
export const timestampSchema = v.string();
/**
 * A field the API may send as `null` or leave out.
 * @internal
 */
export const optionalTimestampSchema = v.nullish(v.string());
/**
 * A list of tags, `null` when none were set.
 * @internal
 */
export const tagsSchema = v.nullish(v.array(v.string()));
/**
 * Free-form JSON object.
 * @internal
 */
export const jsonObjectSchema = v.record(v.string(), v.unknown());
