/**
 * `indexArchive`'s reading, loaded on first use: the tar walk, then the manifest
 * and metrics members, all through one `BlobWindow`.
 */
import { FileError } from "../errors";
import { BlobWindow } from "./blob-window";
import { computeExtraValues } from "./extra-values";
import type { ArchiveIndex, FileIndex, IndexArchiveOptions } from "./index-archive";
import { walkTarMembers } from "./read-tar-members";

/** JSON members bigger than this are not read into memory. */
const MAX_JSON_MEMBER_SIZE = 64 * 1024 * 1024;

/** Indexes `source` (see `indexArchive`). */
export async function readArchiveIndex(
  source: Blob,
  options: IndexArchiveOptions,
): Promise<ArchiveIndex> {
  const fileName = options.fileName ?? fileNameOf(source);
  const label = fileName ?? "the archive";
  const reader = new BlobWindow(source, { signal: options.signal });
  let index: ArchiveIndex;
  try {
    index = await readIndex(reader, fileName, label, options.signal);
  } catch (error) {
    // The first failure is the one to report, not a failure to close after it.
    await reader.close().catch(() => {});
    throw error;
  }
  // Closing a file checks it is still the file that was opened.
  await reader.close();
  return index;
}

async function readIndex(
  reader: BlobWindow,
  fileName: string | undefined,
  label: string,
  signal: AbortSignal | undefined,
): Promise<ArchiveIndex> {
  const fileIndex: FileIndex = {};
  await walkTarMembers(reader, fileName, (member) => {
    // Later members of the same path replace earlier ones, as when tar extracts them.
    if (member.isRegular) setEntry(fileIndex, member.name, [member.offsetData, member.size]);
  });

  const manifestEntry = fileIndex["manifest.json"];
  if (manifestEntry === undefined) {
    throw new FileError({
      code: "missing_manifest",
      fileName,
      message: `manifest.json is missing from ${label}: an artifact archive must contain it at its root.`,
    });
  }
  const manifest = await readManifest(reader, manifestEntry, label, fileName, signal);
  const metaEntry = fileIndex["meta.json"];
  const meta = metaEntry === undefined ? [] : await readMeta(reader, metaEntry, signal);
  return { file_index: fileIndex, manifest, extra_values: computeExtraValues(manifest, meta) };
}

async function readManifest(
  source: BlobWindow,
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
  source: BlobWindow,
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

const utf8 = new TextDecoder();

async function readText(
  source: BlobWindow,
  offset: number,
  size: number,
  signal: AbortSignal | undefined,
): Promise<string> {
  signal?.throwIfAborted();
  const text = utf8.decode(await source.read(offset, size));
  signal?.throwIfAborted();
  return text;
}

/**
 * Sets an own property: plain assignment, except for `__proto__`, which
 * assignment would take as the object's prototype.
 */
function setEntry(fileIndex: FileIndex, name: string, entry: [number, number]): void {
  if (name === "__proto__") {
    Object.defineProperty(fileIndex, name, {
      value: entry,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    fileIndex[name] = entry;
  }
}

/** A `File` (browser, Node, Deno) carries its name. */
function fileNameOf(source: Blob): string | undefined {
  const name = (source as Partial<File>).name;
  return typeof name === "string" && name !== "" ? name : undefined;
}
