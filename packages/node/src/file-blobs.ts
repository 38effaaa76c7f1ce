import { FileBlob } from "./file-blob";

/**
 * The paths behind Bun's file blobs this package opened. A native Blob does not
 * expose its path, and knowing it lets hashing read the file with large native
 * reads instead of the Blob stream's small chunks.
 */
const pathsByBlob = new WeakMap<Blob, string>();

/** Remembers that `blob` holds the start of the file at `path`. */
export function rememberFileBlob(blob: Blob, path: string): void {
  pathsByBlob.set(blob, path);
}

/** The file and byte range `blob` reads, if this package opened it. */
export function fileRangeOf(blob: Blob): { path: string; start: number } | undefined {
  if (blob instanceof FileBlob) return { path: blob.path, start: blob.start };
  const path = pathsByBlob.get(blob);
  return path === undefined ? undefined : { path, start: 0 };
}
