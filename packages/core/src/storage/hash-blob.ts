import type { Platform, ProgressCallback } from "../platform";
import { PhaseProgress } from "./progress";

/** Options of `hashBlob`. */
export interface HashBlobOptions {
  /** Receives `hashing` progress. */
  onProgress?: ProgressCallback;
  /** Cancels hashing; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * The sha256 (hex) of a whole blob, streamed so memory does not grow with its
 * size. Uses the platform's own `hashBlob` when it has one (native hashing).
 */
export async function hashBlob(
  platform: Pick<Platform, "createSha256" | "hashBlob">,
  blob: Blob,
  options: HashBlobOptions = {},
): Promise<string> {
  const progress = new PhaseProgress("hashing", blob.size, options.onProgress);
  progress.report(0);
  const { signal } = options;
  let digest: string;
  if (platform.hashBlob) {
    digest = await platform.hashBlob(blob, {
      signal,
      onProgress: (loaded) => progress.report(loaded),
    });
  } else {
    digest = await hashStream(platform, blob, progress, signal);
  }
  if (signal?.aborted) throw signal.reason;
  progress.finish();
  return digest;
}

async function hashStream(
  platform: Pick<Platform, "createSha256">,
  blob: Blob,
  progress: PhaseProgress,
  signal?: AbortSignal,
): Promise<string> {
  const sha256 = platform.createSha256();
  const reader = blob.stream().getReader();
  let loaded = 0;
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (done) break;
      loaded += value.byteLength;
      await sha256.update(value);
      progress.report(loaded);
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  return sha256.digest();
}
