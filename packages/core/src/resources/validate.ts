import { InvalidArgumentError } from "../errors";
import { ArtifactType, SortOrder } from "../models/enums";

/** Checks that `value` is a non-empty string id or name. */
export function requireId(value: unknown, argument: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new InvalidArgumentError({ argument, message: "expected a non-empty string" });
  }
  return value;
}

/**
 * Checks an artifact id before it goes into a path: the service's ids are UUIDs,
 * and anything else would come back as a 422 about the URL. A name gets a pointer
 * to `get`, which finds an artifact by name.
 */
export function requireArtifactId(value: unknown, argument: string): string {
  return requireUuid(value, argument, "an artifact id", "artifacts.get(name)");
}

/**
 * Checks a collection id given as an option (`collectionId`) before any request:
 * it goes into paths as is (a name is resolved only for the client's default),
 * so anything but a UUID would come back as the service's 422, and an upload
 * would first have hashed the whole file.
 */
export function requireCollectionId(value: unknown, argument: string): string {
  return requireUuid(value, argument, "a collection id", "collections.get(name)");
}

function requireUuid(value: unknown, argument: string, what: string, finder: string): string {
  const id = requireId(value, argument);
  if (!looksLikeId(id)) {
    throw new InvalidArgumentError({
      argument,
      message: `expected ${what}, got ${JSON.stringify(id)}; ${finder} finds one by name`,
    });
  }
  return id;
}

/** Checks an optional id: absent is fine, empty is not. */
export function optionalId(value: unknown, argument: string): string | undefined {
  return value === undefined || value === null ? undefined : requireId(value, argument);
}

/** Checks a page size: an integer from 1 to 100. */
export function validateLimit(value: unknown, argument = "limit"): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 100) {
    throw new InvalidArgumentError({
      argument,
      message: `expected an integer from 1 to 100, got ${describeValue(value)}`,
    });
  }
  return value;
}

/** Checks a sort order: `asc` or `desc`. */
export function validateOrder(value: unknown): SortOrder | undefined {
  if (value === undefined) return undefined;
  if (value !== SortOrder.Asc && value !== SortOrder.Desc) {
    throw new InvalidArgumentError({
      argument: "order",
      message: `expected "asc" or "desc", got ${JSON.stringify(value)}`,
    });
  }
  return value;
}

/** Checks that every value of `values` is one of `allowed`. */
export function validateEnumList<T extends string>(
  values: unknown,
  allowed: readonly T[],
  argument: string,
): T[] | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values)) {
    throw new InvalidArgumentError({ argument, message: "expected an array" });
  }
  for (const value of values) {
    if (!allowed.includes(value as T)) {
      throw new InvalidArgumentError({
        argument,
        message: `${JSON.stringify(value)} is not one of ${allowed.map((item) => `"${item}"`).join(", ")}`,
      });
    }
  }
  return values as T[];
}

/** Checks an artifact type filter. */
export function validateArtifactTypes(values: unknown): ArtifactType[] | undefined {
  return validateEnumList(values, Object.values(ArtifactType), "types");
}

/** Checks an optional string option (sort column, search text, cursor). */
export function optionalString(value: unknown, argument: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new InvalidArgumentError({ argument, message: "expected a string" });
  }
  return value;
}

/**
 * The `startAfter` of a list call: the previous page's `cursor`. An id there (what
 * the Python client's `start_after` docs suggest) is no cursor: the service would
 * quietly start again from the first page, and a loop paging that way never ends.
 */
export function optionalCursor(value: unknown): string | undefined {
  const cursor = optionalString(value, "startAfter");
  if (cursor !== undefined && looksLikeId(cursor)) {
    throw new InvalidArgumentError({
      argument: "startAfter",
      message: `expected the previous page's cursor (page.cursor), not an id (${cursor})`,
    });
  }
  return cursor;
}

/** UUIDs are ids; anything else given where "id or name" is accepted is a name. */
export function looksLikeId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/**
 * Refuses a URL that names no local file: another protocol (`https:`, `s3:`), which
 * runtimes cannot read or write, or a `file:` URL with a host (`file://server/…`), a
 * network share that taking the URL's path alone would turn into a local file it
 * never named. Checked in core so the error comes before any request.
 */
export function checkFileUrl(value: unknown, argument: string): void {
  if (!(value instanceof URL)) return;
  if (value.protocol !== "file:") {
    throw new InvalidArgumentError({
      argument,
      message: `expected a path or a file: URL, got a ${value.protocol} URL (${value.protocol}//${value.host}…)`,
    });
  }
  if (value.hostname !== "" && value.hostname !== "localhost") {
    throw new InvalidArgumentError({
      argument,
      message: `file://${value.hostname}/… names a file on another host: pass the share's path instead`,
    });
  }
}

/** A value as a message quotes it: its type, and a string in quotes (`"5"` is not `5`). */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
