import * as v from "valibot";

/** A presigned storage URL (download and delete URLs). */
export interface UrlResponse {
  /** The presigned URL. */
  url: string;
  /** Fields the API added after this version of the SDK. */
  [key: string]: unknown;
}

/**
 * Validates a {@link UrlResponse}.
 * @internal
 */
export const urlResponseSchema = v.looseObject({ url: v.string() });
