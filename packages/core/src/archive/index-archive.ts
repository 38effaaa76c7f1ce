/**
 * What the SDK records about an artifact file before creating it: the index of
 * its members, its manifest and its metrics. Reads only the tar headers and the
 * two small JSON members, never the whole file.
 */
import { FileError } from "../errors/file-error";
import { BlobWindow } from "./blob-window";
import { computeExtraValues } from "./extra-values";
import { readTarMembers } from "./read-tar-members";

/** A member path → `[offset of its first data byte, its size]`, for regular files. */
export type FileIndex = Record<string, [number, number]>;

/** What `indexArchive` reads from an artifact file. */
export interface ArchiveIndex {
  /** Every regular member's data offset and size, as Python's `tarfile` reports them. */
  file_index: FileIndex;
  /** The JSON content of `manifest.json`. */
  manifest: Record<string, unknown>;
  /** The artifact's metrics, from `meta.json` (see `computeExtraValues`). */
  extra_values: Record<string, unknown>;
}

/** Options of `indexArchive`. */
export interface IndexArchiveOptions {
  /** Stops reading; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** How error messages name the file; defaults to the `File`'s name, if any. */
  fileName?: string;
}

/** JSON members bigger than this are not read into memory. */
const MAX_JSON_MEMBER_SIZE = 64 * 1024 * 1024;

/**
 * Indexes an artifact archive (an uncompressed tar file): its `file_index`,
 * `manifest` and `extra_values`, read by jumping from header to header.
 *
 * @throws FileError `not_a_tar`, `truncated`, `missing_manifest` or `invalid_manifest`
 */
export async function indexArchive(
  source: Blob,
  options: IndexArchiveOptions = {},
): Promise<ArchiveIndex> {
  const fileName = options.fileName ?? fileNameOf(source);
  const label = fileName ?? "the archive";
  const reader = new BlobWindow(source, { signal: options.signal });
  const fileIndex: FileIndex = {};
  for await (const member of readTarMembers(reader, fileName)) {
    // Later members of the same path replace earlier ones, as when tar extracts them.
    if (member.isRegular) setEntry(fileIndex, member.name, [member.offsetData, member.size]);
  }

  const manifestEntry = fileIndex["manifest.json"];
  if (manifestEntry === undefined) {
    throw new FileError({
      code: "missing_manifest",
      fileName,
      message: `manifest.json is missing from ${label}: an artifact archive must contain it at its root.`,
    });
  }
  const manifest = await readManifest(source, manifestEntry, label, fileName, options.signal);
  const metaEntry = fileIndex["meta.json"];
  const meta = metaEntry === undefined ? [] : await readMeta(source, metaEntry, options.signal);
  return { file_index: fileIndex, manifest, extra_values: computeExtraValues(manifest, meta) };
}

async function readManifest(
  source: Blob,
  [offset, size]: [number, number],
  label: string,
  fileName: string | undefined,
  signal: AbortSignal | undefined,
): Promise<Record<string, unknown>> {
  const invalid = (reason: string, cause?: unknown) =>
    new FileError({
      code: "invalid_manifest",
      fileName,
      cause,
      message: `manifest.json in ${label} ${reason}: it must be a JSON object describing the artifact.`,
    });
  if (size > MAX_JSON_MEMBER_SIZE) throw invalid(`is ${size} bytes, too big to be a manifest`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readText(source, offset, size, signal));
  } catch (error) {
    signal?.throwIfAborted();
    throw invalid("is not valid JSON", error);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw invalid(`holds ${Array.isArray(parsed) ? "an array" : String(parsed)}`);
  }
  return parsed as Record<string, unknown>;
}

/** `meta.json` is optional: an unreadable one means no metrics, not a failed upload. */
async function readMeta(
  source: Blob,
  [offset, size]: [number, number],
  signal: AbortSignal | undefined,
): Promise<unknown> {
  if (size > MAX_JSON_MEMBER_SIZE) return [];
  try {
    return JSON.parse(await readText(source, offset, size, signal));
  } catch {
    signal?.throwIfAborted();
    return [];
  }
}

async function readText(
  source: Blob,
  offset: number,
  size: number,
  signal: AbortSignal | undefined,
): Promise<string> {
  signal?.throwIfAborted();
  const text = await source.slice(offset, offset + size).text();
  signal?.throwIfAborted();
  return text;
}

/** Sets an own property even for names like `__proto__`, which plain assignment would not. */
function setEntry(fileIndex: FileIndex, name: string, entry: [number, number]): void {
  Object.defineProperty(fileIndex, name, {
    value: entry,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A `File` (browser, Node, Deno) carries its name. */
function fileNameOf(source: Blob): string | undefined {
  const name = (source as Partial<File>).name;
  return typeof name === "string" && name !== "" ? name : undefined;
}
