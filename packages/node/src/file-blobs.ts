/**
 * The paths behind the file-backed blobs this package opened. A Blob does not
 * expose its path, and knowing it lets hashing read the file with large native
 * reads instead of the Blob stream's small chunks.
 */
const pathsByBlob = new WeakMap<Blob, string>();

/** Remembers that `blob` holds the whole content of the file at `path`. */
export function rememberFileBlob(blob: Blob, path: string): void {
  pathsByBlob.set(blob, path);
}

/** The path of the file `blob` was opened from, if this package opened it. */
export function filePathOf(blob: Blob): string | undefined {
  return pathsByBlob.get(blob);
}
