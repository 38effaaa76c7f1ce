import {
  InvalidArgumentError,
  type ProgressCallback,
  type SentUpload,
  type UploadPlan,
} from "@luml/core";
import { createTransport, sendUploadPlan } from "@luml/core/internal";
import { createXhrStorageAttempt } from "./xhr-storage-attempt";

/** Options of {@link sendUpload}. */
export interface SendUploadOptions {
  /** Receives `uploading` progress: bytes sent, summed over parallel parts. */
  onProgress?: ProgressCallback;
  /** Stops sending; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Parts sent at once for a multipart plan, 1–64. Default 4. */
  concurrency?: number;
  /** Milliseconds to wait for each storage reply's headers once its body is sent. Default 600 000. */
  timeout?: number;
  /** Milliseconds a part may go without a byte sent or received. Default 60 000. */
  idleTimeout?: number;
  /** Retries of a part that failed (network error, timeout, 408, 429, 5xx). Default 2. */
  maxRetries?: number;
}

/** The page has no API key: its transport only ever reaches storage on presigned URLs. */
function refuseApiCall(): never {
  throw new Error("sendUpload makes no API calls: the page holds no API key");
}

/**
 * The second step of an upload that needs no API key in the page: sends the file's
 * bytes where the plan from your server (`artifacts.beginUpload`) says, one `PUT`
 * or parts in parallel, with byte-level progress (`XMLHttpRequest`). Each request
 * has the SDK's timeouts and is retried on its own with backoff. Resolves with what
 * your server passes to `artifacts.completeUpload`; if it rejects (or the user
 * cancels), have your server call `artifacts.abortUpload` so the record is marked
 * `upload_failed`. S3 multipart needs the bucket's CORS to expose `ETag`.
 *
 * @param file - The same `File`/`Blob` that was prepared; its size must be the plan's.
 * @param plan - The plan as your server sent it (checked before any request).
 * @throws InvalidArgumentError for a malformed plan or a file of another size.
 * @throws FileUploadError when storage refused or lost the bytes.
 *
 * @example
 * ```ts
 * const sent = await sendUpload(file, plan, {
 *   onProgress: ({ loaded, total }) => (uploadBar.value = loaded / total),
 *   signal: cancel.signal,
 * });
 * await fetch(`/uploads/${plan.artifactId}/complete`, { method: "POST", body: JSON.stringify(sent) });
 * ```
 */
export function sendUpload(
  file: Blob,
  plan: UploadPlan,
  options: SendUploadOptions = {},
): Promise<SentUpload> {
  const { maxRetries, ...sendOptions } = options ?? {};
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    return Promise.reject(
      new InvalidArgumentError({ argument: "maxRetries", message: "expected an integer from 0" }),
    );
  }
  const transport = createTransport({
    // Never used: every request of a plan goes to a presigned storage URL.
    baseUrl: "https://api.invalid",
    apiKey: "",
    maxRetries,
    apiAttempt: refuseApiCall,
    storageAttempt: createXhrStorageAttempt(),
  });
  return sendUploadPlan(transport, file, plan, sendOptions);
}
