import type { Artifact, DownloadArtifactOptions, DownloadResult } from "@luml/core";
import { createBlobSink } from "@luml/core/internal";
import type { LumlClient } from "./client";

/** A download collected into memory. */
export interface BlobDownloadResult extends DownloadResult {
  /** The verified file. */
  blob: Blob;
}

/**
 * Downloads an artifact (its id, or its record, which is then not read again) into a `Blob` (built from the received chunks, verified
 * against its sha256). For files too large to hold, prefer {@link saveArtifact},
 * which streams to disk where the browser allows.
 *
 * @example
 * ```ts
 * import { downloadBlob } from "@luml/browser";
 *
 * const { blob, artifact } = await downloadBlob(luml, artifactId, { onProgress: bindProgress({ bar }) });
 * image.src = URL.createObjectURL(blob);
 * ```
 */
export async function downloadBlob(
  client: Pick<LumlClient, "artifacts">,
  artifact: string | Artifact,
  options: Omit<DownloadArtifactOptions, "to" | "sink"> = {},
): Promise<BlobDownloadResult> {
  const result = await client.artifacts.download(artifact, {
    ...options,
    sink: createBlobSink(),
  });
  return result as BlobDownloadResult;
}
