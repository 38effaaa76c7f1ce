import * as v from "valibot";

/** Schema of `{url}` replies (download and delete URLs). */
export const urlResponseSchema = v.looseObject({ url: v.string() });

/** A presigned storage URL. */
export type UrlResponse = v.InferOutput<typeof urlResponseSchema>;
