import { FileError, InvalidArgumentError } from "../errors";
import { sha256HexPattern } from "../hashing/sha256-hex";
import { ArtifactStatus, type ArtifactType } from "../models/enums";
import { type ArtifactManifest, manifestProblem } from "../models/manifest";
import { optionalString, requireId, validateEnumList } from "./validate";

/** The largest file the service accepts: 5 TiB. */
export const maxArtifactSize = 5 * 1024 ** 4;

/** The service's `file_name` rule: a name, a dot, an extension without spaces. */
export const fileNamePattern = /^[^:"*`~#%;'^]+\.[^\s:"*`~#%;'^]+$/;

/** The body of `artifacts.create`, in wire names. */
export interface CreateArtifactBody {
  /** The file's name, e.g. `model.fnnx`. */
  file_name: string;
  /** Display name; the service uses the file name when absent. */
  name?: string | null | undefined;
  /** Free-form text shown with the artifact. Default: none (`null`). */
  description?: string | null | undefined;
  /** Metrics and other free-form values. */
  extra_values?: Record<string, unknown> | undefined;
  /**
   * The archive's `manifest.json`, in one of the two forms the service accepts
   * (checked before the request: anything else is an `InvalidArgumentError`).
   */
  manifest: ArtifactManifest;
  /** sha256 (lower-case hex) of the whole file. */
  file_hash: string;
  /** Member path → `[data offset, size]`. */
  file_index: Record<string, [number, number]>;
  /** The file's size in bytes (at most 5 TiB). */
  size: number;
  /** Free-form labels, e.g. `["baseline", "v2"]`. Default: none (`null`). */
  tags?: string[] | null | undefined;
  /** The expected type; the service derives it and refuses a mismatch. */
  type?: ArtifactType | null | undefined;
}

/** Fields `artifacts.update` may change. */
export interface UpdateArtifactBody {
  /**
   * @deprecated An artifact's file name cannot change: the service ignores it, and the
   * official client deprecates `update(file_name=…)`. Passing it throws an
   * `InvalidArgumentError`; change `name` instead.
   */
  file_name?: never;
  /** The new display name; the file name is unchanged. */
  name?: string | undefined;
  /** The new description; `null` removes it. */
  description?: string | null | undefined;
  /** The new tags, replacing the current ones (not merged); `null` removes them all. */
  tags?: string[] | null | undefined;
  /** Only along the allowed transitions (`pending_upload → uploaded | upload_failed`, `pending_deletion → deletion_failed`). */
  status?: "uploaded" | "upload_failed" | "deletion_failed" | undefined;
}

const updatableStatuses = [
  ArtifactStatus.Uploaded,
  ArtifactStatus.UploadFailed,
  ArtifactStatus.DeletionFailed,
] as const;

/** The fields of a create body; anything else would reach the service unchecked. */
const createFields = [
  "file_name",
  "name",
  "description",
  "extra_values",
  "manifest",
  "file_hash",
  "file_index",
  "size",
  "tags",
  "type",
];

/** Checks a create body and fills the optional fields with their wire defaults. */
export function validateCreateBody(body: CreateArtifactBody): Record<string, unknown> {
  if (body === null || typeof body !== "object") {
    throw new InvalidArgumentError({ argument: "body", message: "expected an object" });
  }
  refuseUnknownFields(body, createFields, {
    argument: "body",
    fieldsAre: "a create body has",
    withCollection: "artifacts.create(body, { collectionId })",
  });
  const fileName = requireId(body.file_name, "file_name");
  if (!fileNamePattern.test(fileName)) {
    throw new InvalidArgumentError({
      argument: "file_name",
      message: `${JSON.stringify(fileName)} needs a name, a dot and an extension, without any of : " * \` ~ # % ; ' ^`,
    });
  }
  if (!Number.isSafeInteger(body.size) || body.size < 0) {
    throw new InvalidArgumentError({
      argument: "size",
      message: "expected a non-negative integer",
    });
  }
  if (body.size > maxArtifactSize) {
    throw new FileError({
      code: "too_large",
      fileName,
      message: `${fileName} is ${body.size} bytes; the largest artifact is 5 TiB (${maxArtifactSize} bytes).`,
    });
  }
  const problem = manifestProblem(body.manifest);
  if (problem !== undefined)
    throw new InvalidArgumentError({ argument: "manifest", message: problem });
  requireObject(body.file_index, "file_index");
  const fileHash = requireId(body.file_hash, "file_hash");
  if (!sha256HexPattern.test(fileHash)) {
    // A made-up hash ("abc123" in the Python client's docs) makes a record whose
    // download can never be verified, so it is refused here.
    throw new InvalidArgumentError({
      argument: "file_hash",
      message: `expected the file's sha256 as 64 hexadecimal digits, got ${JSON.stringify(fileHash.slice(0, 80))}`,
    });
  }
  optionalName(body.name);
  validateTags(body.tags);
  return {
    ...body,
    name: body.name ?? null,
    description: body.description ?? null,
    extra_values: body.extra_values ?? {},
    tags: body.tags ?? null,
    type: body.type ?? null,
  };
}

/** The fields an update can set. */
const updatableFields = ["name", "description", "tags", "status"];

/**
 * Checks an update body: known fields only, at least one of them set (a field
 * given as `undefined` is not sent), a settable status. Returns what to send.
 */
export function validateUpdateBody(body: UpdateArtifactBody): UpdateArtifactBody {
  if (body === null || typeof body !== "object") {
    throw new InvalidArgumentError({ argument: "update", message: "expected an object" });
  }
  if (Object.hasOwn(body, "file_name")) {
    throw new InvalidArgumentError({
      argument: "file_name",
      message:
        "an artifact's file name cannot be changed (the service ignores it; the Python client's update(file_name=…) is deprecated): change `name` instead",
    });
  }
  refuseUnknownFields(body, updatableFields, {
    argument: "update",
    fieldsAre: "an update sets",
    withCollection: "artifacts.update(id, changes, { collectionId })",
  });
  const given = Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== undefined),
  ) as UpdateArtifactBody;
  if (Object.keys(given).length === 0) {
    throw new InvalidArgumentError({
      argument: "update",
      message: `give at least one of ${updatableFields.join(", ")}`,
    });
  }
  optionalName(given.name);
  validateTags(given.tags);
  if (given.status !== undefined) validateEnumList([given.status], updatableStatuses, "status");
  return given;
}

/**
 * Refuses a field `fields` lacks, naming the wire name a camelCase one stands for,
 * and saying where the collection goes: the Python client's `collection_id` is an
 * argument of the call, here an option (`withCollection` shows the call).
 */
function refuseUnknownFields(
  body: object,
  fields: readonly string[],
  {
    argument,
    fieldsAre,
    withCollection,
  }: { argument: string; fieldsAre: string; withCollection: string },
): void {
  const unknown = Object.keys(body).filter((key) => !fields.includes(key));
  if (unknown.length === 0) return;
  if (unknown.some((key) => key === "collection_id" || key === "collectionId")) {
    throw new InvalidArgumentError({
      argument,
      message: `the collection is not a field of the record: pass it as an option, ${withCollection}`,
    });
  }
  const snakeCase = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  const named = unknown.map((key) => {
    const meant = snakeCase(key);
    return meant !== key && fields.includes(meant)
      ? `"${key}" (did you mean "${meant}"?)`
      : `"${key}"`;
  });
  throw new InvalidArgumentError({
    argument,
    message: `unknown field ${named.join(", ")}: ${fieldsAre} ${fields.join(", ")}`,
  });
}

/** A display name, when given, is a string with something in it: a blank one could not be looked up. */
function optionalName(name: unknown): void {
  if (optionalString(name, "name")?.trim() === "") {
    throw new InvalidArgumentError({ argument: "name", message: "expected a non-empty name" });
  }
}

function requireObject(value: unknown, argument: string): void {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InvalidArgumentError({ argument, message: "expected an object" });
  }
}

function validateTags(tags: unknown): void {
  if (tags === undefined || tags === null) return;
  if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== "string")) {
    throw new InvalidArgumentError({ argument: "tags", message: "expected an array of strings" });
  }
}
