import type { UploadSource } from "@luml/core";
import { FileError } from "@luml/core";
import { openDenoFileBlob } from "./deno-file-blob.ts";

/**
 * Turns a path (string or `file:` URL) into an upload source backed by the file on
 * disk; the bytes are read part by part during the upload, never all at once.
 */
export async function openSource(
  input: unknown,
  options: { signal?: AbortSignal } = {},
): Promise<UploadSource> {
  options.signal?.throwIfAborted();
  if (typeof input !== "string" && !(input instanceof URL)) {
    throw new FileError({
      message: "Upload expects a file path, a file: URL, a Blob or a File.",
      code: "not_found",
    });
  }
  const blob = await openDenoFileBlob(input);
  return { name: baseName(blob.path), size: blob.size, blob: blob as unknown as Blob };
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}
