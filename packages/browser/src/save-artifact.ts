import type { Artifact, DownloadArtifactOptions, DownloadResult } from "@luml/core";
import type { LumlClient } from "./client";
import { downloadBlob } from "./download-blob";

/** Options of {@link saveArtifact}. */
export interface SaveArtifactOptions extends Omit<DownloadArtifactOptions, "to" | "sink"> {
  /**
   * The name offered to the user. Default: the artifact's file name. The save
   * dialog opens before any request (it needs the click), so only a record passed
   * as `artifact` can name it there; with an id, the dialog offers no name.
   */
  suggestedName?: string | undefined;
}

type SaveFilePicker = (options: { suggestedName?: string }) => Promise<FileSystemFileHandle>;

/**
 * Saves an artifact to the user's disk. Where the File System Access API exists
 * (Chromium), the user picks the place first and the bytes stream straight into the
 * file, verified, with nothing written if anything fails. Elsewhere the file is
 * downloaded into a `Blob` and handed to the browser through an `<a download>` link.
 * Call it from a click handler: the save dialog needs a user gesture.
 *
 * @example
 * ```ts
 * import { saveArtifact } from "@luml/browser";
 *
 * // The record (from `list` or `get`) names the file in the dialog, and is not read again.
 * button.addEventListener("click", () => saveArtifact(luml, artifact));
 * ```
 */
export async function saveArtifact(
  client: Pick<LumlClient, "artifacts">,
  artifact: string | Artifact,
  options: SaveArtifactOptions = {},
): Promise<DownloadResult> {
  const { suggestedName, ...downloadOptions } = options;
  const knownName =
    suggestedName ?? (typeof artifact === "string" ? undefined : artifact.file_name);
  const picker = (globalThis as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  if (picker) {
    // Ask before any request: the dialog must open while the click still counts.
    const handle = await picker(knownName === undefined ? {} : { suggestedName: knownName });
    return client.artifacts.download(artifact, { ...downloadOptions, to: handle });
  }
  const result = await downloadBlob(client, artifact, downloadOptions);
  triggerDownload(result.blob, suggestedName ?? result.artifact.file_name);
  return result;
}

function triggerDownload(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the blob for the download; free the URL after it started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
