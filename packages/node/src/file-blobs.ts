import { FileBlob } from "./file-blob";
import type { FileSnapshot } from "./file-snapshot";

/** The file behind a blob this package opened, and what it was when opened. */
export interface FileRange {
  /** The file the blob reads. */
  path: string;
  /** Offset in the file of the blob's first byte. */
  start: number;
  /** The file as it was opened; reads must find it unchanged. */
  snapshot: FileSnapshot | undefined;
}

/**
 * The files behind Bun's file blobs this package opened. A native Blob does not
 * expose its path, and knowing it lets hashing read the file with large native
 * reads instead of the Blob stream's small chunks, and check it for changes.
 */
const filesByBlob = new WeakMap<Blob, { path: string; snapshot: FileSnapshot }>();

/** Remembers that `blob` holds the start of the file at `path`, opened as `snapshot`. */
export function rememberFileBlob(blob: Blob, path: string, snapshot: FileSnapshot): void {
  filesByBlob.set(blob, { path, snapshot });
}

/** The file and byte range `blob` reads, if this package opened it. */
export function fileRangeOf(blob: Blob): FileRange | undefined {
  if (blob instanceof FileBlob) {
    return { path: blob.path, start: blob.start, snapshot: blob.snapshot };
  }
  const file = filesByBlob.get(blob);
  return file === undefined ? undefined : { ...file, start: 0 };
}
