/**
 * What the SDK records about an artifact file before creating it: the index of
 * its members, its manifest and its metrics. Reads only the tar headers and the
 * two small JSON members, never the whole file.
 */
import { loadChunk } from "../load-chunk";

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
  signal?: AbortSignal | undefined;
  /** How error messages name the file; defaults to the `File`'s name, if any. */
  fileName?: string | undefined;
}

/**
 * Indexes an artifact archive (an uncompressed tar file): its `file_index`,
 * `manifest` and `extra_values`, read by jumping from header to header.
 *
 * @throws FileError `not_a_tar`, `truncated`, `missing_manifest` or `invalid_manifest`
 *
 * @example
 * ```ts
 * const { file_index, manifest, extra_values } = await indexArchive(file);
 * console.log(Object.keys(file_index)); // ["manifest.json", "meta.json", …]
 * ```
 */
export async function indexArchive(
  source: Blob,
  options: IndexArchiveOptions = {},
): Promise<ArchiveIndex> {
  // The reader is loaded when a page or program first indexes (a dynamic import).
  const { readArchiveIndex } = await loadChunk(
    () => import("./read-archive-index"),
    "archive index",
  );
  return readArchiveIndex(source, options);
}
