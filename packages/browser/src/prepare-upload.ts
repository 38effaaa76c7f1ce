import type { PreparedUpload, ProgressCallback } from "@luml/core";
import { prepareArtifactFile } from "@luml/core/internal";
import { browserPlatform } from "./browser-platform";
import type { NamedFile } from "./open-source";

/** Options of {@link prepareUpload}. */
export interface PrepareUploadOptions {
  /** The file name to record, for a `Blob` that has none (a `File`'s own name is used otherwise). */
  fileName?: string;
  /** Receives `hashing` progress. */
  onProgress?: ProgressCallback;
  /** Stops reading and hashing; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * The first step of an upload that needs no API key in the page: checks the file
 * the user picked as `artifacts.upload` would (name, extension, size, archive),
 * indexes the archive and hashes it in a Web Worker. Post the result to your
 * server, which creates the record with `artifacts.beginUpload` and answers with
 * the plan {@link sendUpload} follows. Nothing is sent anywhere by this call.
 *
 * @param file - A `File` from an `<input type="file">` or a drop, a `Blob` with
 *   `fileName`, `{ file, name }` or a `FileSystemFileHandle`.
 * @returns What the create call needs, in the API's field names: plain JSON.
 * @throws FileError when the file cannot be an artifact (`unsupported_extension`,
 *   `not_a_tar`, `missing_manifest`, …), before anything is sent.
 *
 * @example
 * ```ts
 * import { prepareUpload, sendUpload } from "@luml/browser";
 *
 * const prepared = await prepareUpload(input.files[0], {
 *   onProgress: ({ loaded, total }) => (hashingBar.value = loaded / total),
 * });
 * const plan = await (await fetch("/uploads", { method: "POST", body: JSON.stringify({ prepared }) })).json();
 * ```
 */
export async function prepareUpload(
  file: Blob | NamedFile | FileSystemFileHandle,
  options: PrepareUploadOptions = {},
): Promise<PreparedUpload> {
  const { prepared } = await prepareArtifactFile(browserPlatform, file, options);
  return prepared;
}
