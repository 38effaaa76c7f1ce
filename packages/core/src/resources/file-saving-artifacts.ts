import type { Artifact } from "../models";
import type {
  DownloadArtifactOptions,
  DownloadResult,
  DownloadTarget,
  UploadInput,
} from "./artifact-transfers";
import type { ArtifactsResource } from "./artifacts";

/** A download saved as a file: where it is, always set. */
export interface SavedDownloadResult extends DownloadResult {
  /** The saved file's absolute path. */
  path: string;
}

/**
 * The artifacts of a runtime that saves downloads as files (Node, Bun, Deno): the
 * same resource, typed so that a download to a path, a folder or the current
 * folder gives a `path` that is always set, while one to a stream or a sink does not.
 *
 * @typeParam Input - What `upload` takes besides core's `UploadInput`.
 * @typeParam PathTarget - What names a file or folder (`string | URL`).
 */
export interface FileSavingArtifacts<Input, PathTarget>
  extends ArtifactsResource<Input | UploadInput, PathTarget | DownloadTarget> {
  /**
   * Downloads an artifact's file into a file, verifying its sha256; nothing is
   * left behind on failure. `to` is a file path, a folder (the file keeps the
   * artifact's file name) or, by default, the current folder.
   *
   * @example
   * ```ts
   * const { path, file_hash } = await luml.artifacts.download(artifact.id, { to: "models/" });
   * ```
   */
  download(
    artifact: string | Artifact,
    options?: DownloadArtifactOptions<PathTarget> & { sink?: undefined },
  ): Promise<SavedDownloadResult>;
  /**
   * Downloads an artifact's file into a `WritableStream` or a `sink`, verifying its
   * sha256: a mismatch or a failure errors the stream.
   */
  download(
    artifact: string | Artifact,
    options?: DownloadArtifactOptions<PathTarget | DownloadTarget>,
  ): Promise<DownloadResult>;
}
