import { loadChunk } from "../load-chunk";
import type { DownloadSink, ProgressCallback, Sha256 } from "../platform";
import type { Transport } from "../transport/transport";

/** Size of each ranged GET when downloading in parallel. */
export const defaultDownloadPartSize = 8 * 1024 * 1024;
/**
 * How many times a connection dropped after new bytes arrived is resumed before the
 * download (or one of its ranges) fails. Requests that bring no new byte are no
 * resume: they spend the client's `maxRetries`, once.
 */
export const defaultMaxResumes = 5;

/** Options of `downloadObject`. */
export interface DownloadObjectOptions {
  /** The presigned GET URL. */
  url: string;
  /** The object's recorded size. */
  size: number;
  /** Where the bytes go (positioned writes). */
  sink: DownloadSink;
  /** Hashes the bytes in file order. */
  sha256: Sha256;
  /**
   * Ranged GETs in flight at once. `1` (the default) streams the object in one
   * request; more splits it in `partSize` ranges, which helps on high-latency links.
   */
  concurrency?: number;
  /** Range size in parallel mode. Default 8 MiB. */
  partSize?: number;
  /**
   * How many times a connection dropped after new bytes arrived is resumed, per
   * range. Default 5. Requests that bring no new byte spend the retries instead.
   */
  maxResumes?: number;
  /** Receives `downloading` progress. */
  onProgress?: ProgressCallback;
  /** Cancels the download; the sink is left for the caller to abort. */
  signal?: AbortSignal;
}

/** Downloads an object into a sink while hashing it; returns the sha256 hex. */
export async function downloadObject(
  transport: Transport,
  options: DownloadObjectOptions,
): Promise<string> {
  // Loaded on the first download (a dynamic import): a page that only lists or
  // uploads does not carry it.
  const { downloadObjectNow } = await loadChunk(() => import("./download-object-body"), "download");
  return downloadObjectNow(transport, options);
}
