/** What the page does with LUML, whichever way it reaches it. */
import type { ListedArtifact, ProgressCallback } from "@luml/browser";

/** An artifact as the table shows it. */
export type Artifact = ListedArtifact;

/** The page's calls; the key-less and the key-in-browser modes each implement them. */
export interface Backend {
  /** The collection's artifacts, sorted by the API. */
  list(sortBy: string, order: "asc" | "desc"): Promise<Artifact[]>;
  /**
   * Uploads a picked file: `hashing`, then `uploading` progress. Aborting `signal`
   * stops it; a record already created is then marked `upload_failed`.
   */
  upload(
    file: File,
    onProgress: ProgressCallback,
    signal: AbortSignal,
  ): Promise<{ name?: string | null; size: number }>;
  /** The artifact's file, its sha256 checked; `downloading` progress. */
  download(artifact: Artifact, onProgress: ProgressCallback): Promise<Blob>;
  /** Deletes the artifact and its stored file. */
  remove(artifact: Artifact): Promise<void>;
}
