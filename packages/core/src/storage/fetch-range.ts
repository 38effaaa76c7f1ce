import { FileDownloadError } from "../errors";
import type { StorageRequest, Transport } from "../transport/transport";

/** Options of `fetchRange`. */
export interface FetchRangeOptions {
  /** The presigned GET URL of the object. */
  url: string;
  /** First byte to fetch. */
  start: number;
  /** Byte after the last one to fetch. */
  end: number;
  /** Whether `[start, end)` is the whole object (then the first request sends no `Range`). */
  whole: boolean;
  /**
   * Receives the bytes in order, with their position in the object. It takes the
   * chunk: the caller never reads it again (its bytes may be moved to a worker).
   */
  onChunk: (chunk: Uint8Array, position: number) => void | Promise<void>;
  /**
   * How many times a body cut after it brought new bytes may be resumed with a
   * `Range` request. A request that brings no new byte is not a resume: it spends
   * the GET's retries (the client's `maxRetries`).
   */
  maxResumes: number;
  signal?: AbortSignal;
}

/**
 * Streams bytes `[start, end)` of an object to `onChunk`. A connection dropped in
 * the middle of the body is resumed from the next missing byte with
 * `Range: bytes=N-…` (checking the `206` and its `Content-Range`) instead of
 * starting over; a server that ignores `Range` and sends `200` has the bytes
 * already received skipped.
 *
 * Resumes and retries are counted apart: a body cut after new bytes arrived is
 * resumed up to `maxResumes` times, and the attempts since the last new byte (a
 * reply that never came, or a body that broke before its first new byte) share the
 * GET's one retry budget, instead of each resume getting a budget of its own. A
 * storage that never answers fails after `maxRetries + 1` GETs.
 */
export async function fetchRange(transport: Transport, options: FetchRangeOptions): Promise<void> {
  const { url, end, signal } = options;
  let position = options.start;
  let resumes = 0;
  // The attempts since the last new byte that failed after their reply's headers.
  let earlierFailures: StorageRequest["earlierFailures"];
  // A failure of the consumer (a full disk) is not a network failure: never resumed.
  let consumerFailure: { error: unknown } | undefined;
  const onChunk = async (chunk: Uint8Array, at: number) => {
    // Read before the hand-over: the consumer may take the chunk's bytes.
    const end = at + chunk.byteLength;
    try {
      await options.onChunk(chunk, at);
      position = end;
    } catch (error) {
      consumerFailure = { error };
      throw error;
    }
  };
  for (;;) {
    const from = position;
    // The transport retried this GET as far as its budget allowed: a failure here is final.
    const reply = await requestFrom(from, earlierFailures);
    let failure: unknown;
    try {
      position = await readBody(reply.body, from, reply.skip, end, onChunk, signal);
    } catch (error) {
      if (consumerFailure) throw consumerFailure.error;
      if (signal?.aborted) throw signal.reason;
      if (!isResumable(error)) throw error;
      failure = error;
    }
    if (failure === undefined) {
      if (position === end) return;
      if (position > end)
        throw new FileDownloadError({ message: "The object is larger than its recorded size" });
      failure = new FileDownloadError({
        message: `The download stopped at byte ${position} of ${end}`,
      });
    }
    if (position > from) {
      // Progress: the rest is asked for with a fresh retry budget, as a resume.
      if (resumes >= options.maxResumes) throw failure;
      resumes += 1;
      earlierFailures = undefined;
    } else {
      // Every attempt so far failed, the ones the transport retried before these headers too.
      const count = reply.attempts ?? (earlierFailures?.count ?? 0) + 1;
      earlierFailures = { count, lastError: failure };
    }
  }

  /** Sends the GET for byte `from` onwards; resolves with its body and the bytes to skip. */
  async function requestFrom(
    from: number,
    failures: StorageRequest["earlierFailures"],
  ): Promise<{ body: ReadableStream<Uint8Array>; skip: number; attempts: number | undefined }> {
    const ranged = !(options.whole && from === 0);
    const headers: Record<string, string> = {};
    if (ranged) headers.Range = options.whole ? `bytes=${from}-` : `bytes=${from}-${end - 1}`;
    const response = await transport.storage({
      method: "GET",
      url,
      headers,
      responseType: "stream",
      signal,
      earlierFailures: failures,
    });
    let skip = 0;
    if (ranged && response.status === 206) {
      checkContentRange(response.headers.get("content-range"), from);
    } else if (ranged) {
      // The server sent the whole object: skip what is already written.
      skip = from;
    }
    if (!response.body) throw new FileDownloadError({ message: "The storage reply has no body" });
    return { body: response.body, skip, attempts: response.attempts };
  }
}

async function readBody(
  body: ReadableStream<Uint8Array>,
  from: number,
  skip: number,
  end: number,
  onChunk: FetchRangeOptions["onChunk"],
  signal?: AbortSignal,
): Promise<number> {
  const reader = body.getReader();
  let position = from;
  let toSkip = skip;
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (done) return position;
      let chunk = value;
      if (toSkip > 0) {
        const dropped = Math.min(toSkip, chunk.byteLength);
        toSkip -= dropped;
        chunk = chunk.subarray(dropped);
      }
      if (chunk.byteLength === 0) continue;
      if (position + chunk.byteLength > end) chunk = chunk.subarray(0, end - position);
      const length = chunk.byteLength;
      if (length > 0) await onChunk(chunk, position);
      position += length;
      if (position >= end) return position;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

function checkContentRange(contentRange: string | null, from: number): void {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(contentRange?.trim() ?? "");
  if (!match || Number(match[1]) !== from) {
    throw new FileDownloadError({
      message: `The storage answered a request for byte ${from} onwards with Content-Range ${contentRange ?? "(none)"}`,
    });
  }
}

/** Whether a failure is a dropped or broken connection rather than a refusal. */
function isResumable(error: unknown): boolean {
  if (FileDownloadError.isInstance(error)) return false;
  if (typeof error === "object" && error !== null && "status" in error) {
    const status = (error as { status: unknown }).status;
    // A 4xx (expired URL, forbidden) will not get better by asking again.
    if (typeof status === "number" && status >= 400 && status < 500) return false;
  }
  return true;
}
