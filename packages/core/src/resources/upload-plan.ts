/**
 * The shapes a key-less upload passes between a page and its server: the plan the
 * server answers `beginUpload` with (where the page sends the bytes), and what the
 * page reports back once they are sent (`SentUpload`, the input of
 * `completeUpload`). Both travel as JSON, so each side checks what it receives.
 */
import * as v from "valibot";
import { InvalidArgumentError } from "../errors";
import { byteCountSchema, parseArgument } from "./parse-argument";

/** The most parts a multipart upload can have (S3's limit; Azure's is higher). */
export const maxUploadParts = 10_000;

/** One part of a multipart upload: bytes `start` (inclusive) to `end` (exclusive) go to `url`. */
export interface PlannedPart {
  /** The part's number, from 1. */
  partNumber: number;
  /** Presigned URL to `PUT` the part's bytes to. */
  url: string;
  /** Offset of the part's first byte in the file (inclusive). */
  start: number;
  /** Offset just past the part's last byte (exclusive), as `Blob.slice(start, end)` takes it. */
  end: number;
}

/** What every upload plan says. */
interface UploadPlanBase {
  /** The artifact record created for the upload (status `pending_upload`). */
  artifactId: string;
  /** The collection holding the record. */
  collectionId: string;
  /** The file name recorded, for messages. */
  fileName: string;
  /** The orbit's storage. */
  storage: "s3" | "azure";
  /** The file's size in bytes: the file sent must have exactly this size. */
  size: number;
}

/** A plan to send the whole file in one `PUT`. */
export interface SingleUploadPlan extends UploadPlanBase {
  /** Where to `PUT` the file, with the headers storage needs (`x-ms-blob-type` on Azure). */
  single: {
    /** Presigned URL to `PUT` the whole file to. */
    url: string;
    /** Headers to send with it, as they are (`x-ms-blob-type: BlockBlob` on Azure). */
    headers: Record<string, string>;
  };
  /** Absent: this plan is a single `PUT`. */
  multipart?: undefined;
}

/** A plan to send the file in parts, in any order and in parallel. */
export interface MultipartUploadPlan extends UploadPlanBase {
  /** Absent: this plan is a multipart upload. */
  single?: undefined;
  /** The parts, covering the file exactly, and S3's upload id (`null` on Azure). */
  multipart: {
    /** S3's multipart upload id, to report back with the parts; `null` on Azure. */
    uploadId: string | null;
    /** The parts, in order, covering the file exactly. */
    parts: PlannedPart[];
  };
}

/**
 * Where a page sends a file's bytes, as `artifacts.beginUpload` plans it on the
 * server: one `PUT` (`single`) or parts (`multipart`). Plain JSON: the server sends
 * it to the page as is.
 */
export type UploadPlan = SingleUploadPlan | MultipartUploadPlan;

/** A part the page sent. */
export interface SentPart {
  /** The part's number, from the plan. */
  partNumber: number;
  /** The `ETag` storage answered the part with (S3); `null` on Azure, which needs none. */
  etag: string | null;
}

/**
 * What a page reports once every byte of a plan is stored: the input of
 * `artifacts.completeUpload`. Plain JSON: the page posts it to its server as is.
 */
export interface SentUpload {
  /** The artifact the bytes belong to. */
  artifactId: string;
  /** S3's multipart upload id from the plan; `null` for a single `PUT` or Azure. */
  uploadId: string | null;
  /** The parts sent (empty for a single `PUT`). */
  parts: SentPart[];
}

const httpUrlSchema = v.pipe(
  v.string(),
  v.url(),
  v.check((url) => /^https?:\/\//i.test(url), "Invalid URL: expected an http(s) URL"),
);
const idSchema = v.pipe(v.string(), v.nonEmpty(), v.maxLength(1024));
const partNumberSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(maxUploadParts));

const planBaseEntries = {
  artifactId: idSchema,
  collectionId: idSchema,
  fileName: v.string(),
  storage: v.picklist(["s3", "azure"]),
  size: byteCountSchema,
};

const singlePlanSchema = v.object({
  ...planBaseEntries,
  single: v.object({ url: httpUrlSchema, headers: v.record(v.string(), v.string()) }),
  multipart: v.optional(v.undefined()),
});

const multipartPlanSchema = v.object({
  ...planBaseEntries,
  single: v.optional(v.undefined()),
  multipart: v.object({
    uploadId: v.nullable(idSchema),
    parts: v.pipe(
      v.array(
        v.object({
          partNumber: partNumberSchema,
          url: httpUrlSchema,
          start: byteCountSchema,
          end: byteCountSchema,
        }),
      ),
      v.minLength(1),
      v.maxLength(maxUploadParts),
    ),
  }),
});

/**
 * Checks a plan a page received from its server: its shape, and that its parts
 * cover the file exactly (no byte left out, none sent twice).
 *
 * @throws InvalidArgumentError naming the first problem (`plan.multipart.parts.0.url`).
 */
export function checkUploadPlan(value: unknown): UploadPlan {
  // Told apart by which of `single` and `multipart` is there, so a problem is
  // reported where it is rather than as "matches neither".
  const isMultipart =
    typeof value === "object" && value !== null && "multipart" in value && !("single" in value);
  const plan: UploadPlan = isMultipart
    ? parseArgument(multipartPlanSchema, value, "plan")
    : parseArgument(singlePlanSchema, value, "plan");
  if (plan.multipart) {
    const ordered = [...plan.multipart.parts].sort((left, right) => left.start - right.start);
    let expected = 0;
    const numbers = new Set<number>();
    for (const part of ordered) {
      if (part.start !== expected || part.end <= part.start || numbers.has(part.partNumber)) {
        throw new InvalidArgumentError({
          argument: "plan.multipart.parts",
          message: "the parts do not cover the file exactly once, each with its own number",
        });
      }
      numbers.add(part.partNumber);
      expected = part.end;
    }
    if (expected !== plan.size) {
      throw new InvalidArgumentError({
        argument: "plan.multipart.parts",
        message: `the parts cover ${expected} bytes of a ${plan.size}-byte file`,
      });
    }
  }
  return plan;
}

const sentUploadSchema = v.object({
  artifactId: idSchema,
  collectionId: v.optional(idSchema),
  uploadId: v.nullish(idSchema),
  parts: v.optional(
    v.pipe(
      v.array(
        v.object({
          partNumber: partNumberSchema,
          // An ETag is a quoted hash; anything much longer is not one.
          etag: v.nullish(v.pipe(v.string(), v.maxLength(1024))),
        }),
      ),
      v.maxLength(maxUploadParts),
    ),
  ),
});

/** What `artifacts.completeUpload` accepts: a `SentUpload`, with the collection if not the default. */
export interface CompleteUploadInput {
  /** The artifact whose bytes were sent. */
  artifactId: string;
  /**
   * The id of the record's collection. Default: the client's collection. Take it from your own
   * records of the upload, not from the page.
   */
  collectionId?: string | undefined;
  /** S3's multipart upload id, from the plan; absent or `null` otherwise. */
  uploadId?: string | null | undefined;
  /** The parts the page sent, with their ETags (S3); absent or empty for a single `PUT`. */
  parts?: SentPart[] | undefined;
}

/** Checks what a page posted for `completeUpload`; part numbers must be distinct. */
export function checkCompleteUploadInput(value: unknown): {
  artifactId: string;
  collectionId: string | undefined;
  uploadId: string | null;
  parts: SentPart[];
} {
  const input = parseArgument(sentUploadSchema, value, "upload");
  const parts = (input.parts ?? []).map((part) => ({
    partNumber: part.partNumber,
    etag: part.etag ?? null,
  }));
  if (new Set(parts.map((part) => part.partNumber)).size !== parts.length) {
    throw new InvalidArgumentError({
      argument: "upload.parts",
      message: "a part number appears more than once",
    });
  }
  return {
    artifactId: input.artifactId,
    collectionId: input.collectionId,
    uploadId: input.uploadId ?? null,
    parts,
  };
}
