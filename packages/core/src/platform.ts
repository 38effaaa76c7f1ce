/**
 * What a runtime package supplies to core: how to hash bytes, read the user's
 * file, and write a download. Core itself uses only web-standard APIs.
 */
import type { HttpAttempt } from "./transport/http-attempt";

/** A progress report. `loaded` never decreases within a phase and ends at `total`. */
export interface ProgressEvent {
  /**
   * What is under way: `hashing` reads the file to compute its sha256 before an
   * upload, `uploading` sends it to storage, `downloading` fetches it.
   */
  phase: "hashing" | "uploading" | "downloading";
  /** Bytes of the file processed so far in this phase, from 0 to `total`. */
  loaded: number;
  /** The file's size in bytes: where `loaded` ends when the phase completes. */
  total: number;
}

/** A progress callback. */
export type ProgressCallback = (event: ProgressEvent) => void;

/** An incremental sha256. */
export interface Sha256 {
  /**
   * Feeds the next bytes of the input, in order; call before `digest`. The bytes
   * are handed over: an implementation may move them to a worker thread (leaving
   * `chunk` empty), so a caller never reads a chunk after passing it. A returned
   * promise asks the caller to wait for it before the next update: the hash runs
   * elsewhere and is behind.
   */
  update(chunk: Uint8Array): void | Promise<void>;
  /** Lower-case hex digest. */
  digest(): Promise<string>;
}

/** A file to upload: random access by `slice`, streaming by `stream()`. */
export interface UploadSource {
  /** The file name to record (`model.fnnx`). */
  name: string;
  /** The file's size in bytes; must equal `blob.size`. */
  size: number;
  /** A Blob whose bytes are read lazily (file-backed where the runtime allows). */
  blob: Blob;
  /**
   * Rejects with a `FileError` (code `changed`) when the file is no longer what was
   * opened (its size or modification time differ). Core calls it after hashing and
   * again once every byte was sent, so a file edited during an upload is never
   * recorded as `uploaded` under the hash of its earlier bytes. Runtimes whose
   * sources cannot change (an in-memory `Blob`) leave it out.
   */
  check?(): Promise<void>;
}

/** Where a download's bytes go; nothing is visible at the destination until `commit`. */
export interface DownloadSink {
  /** Where the file will be once committed (a file path), when the runtime has one. */
  readonly path?: string;
  /**
   * Writes `chunk` at byte `position` of the file. The chunk is lent: once the
   * returned promise settles its buffer may be handed to the hash (which may move
   * it to another thread) and refilled with later bytes. A sink that keeps the
   * bytes longer (in a queue, a list of parts) keeps a copy.
   */
  write(chunk: Uint8Array, position: number): Promise<void>;
  /** Makes the file visible at its destination (atomic where the runtime allows). */
  commit(): Promise<void>;
  /**
   * Discards everything written; leaves nothing at the destination. `reason` is
   * the failure, for sinks that pass it on (a stream errors with it).
   */
  abort(reason?: unknown): Promise<void>;
  /**
   * Whether bytes must arrive in order (a stream): downloads into such a sink use
   * one ranged stream, never parallel ranges.
   */
  readonly sequential?: boolean;
  /** The downloaded file, for sinks that keep it in memory (browsers); read after `commit`. */
  blob?(): Blob;
}

/** The runtime pieces a `LumlClient` is built with. */
export interface Platform {
  /**
   * A fresh incremental sha256. `size`, when known, is how many bytes it will be
   * fed: a runtime may hash large inputs on another thread.
   */
  createSha256(options?: { size?: number }): Sha256;
  /**
   * Hashes a whole blob; runtimes may do it faster than `createSha256` fed
   * from `blob.stream()` (native hashing, a worker thread).
   */
  hashBlob?(
    blob: Blob,
    options: { signal?: AbortSignal; onProgress?: (loaded: number) => void },
  ): Promise<string>;
  /**
   * Turns what a user passed to `artifacts.upload` (a path, a `File`, a handle…)
   * into a source. Core handles `Blob`/`File` and `UploadSource` itself.
   */
  openSource?(input: unknown, options: { signal?: AbortSignal }): Promise<UploadSource>;
  /**
   * Opens a sink for `artifacts.download`: `target` is what the user passed as `to`
   * (a path, a handle…), `fileName` the artifact's file name already reduced to a
   * safe base name, used when `target` is absent or a folder.
   */
  openSink?(target: unknown, fileName: string, size: number): Promise<DownloadSink>;
  /**
   * Sends one storage request, where the runtime has a better way than `fetch`
   * (`node:http` streams file parts from disk with flat memory; XHR reports upload
   * progress in browsers). Core wraps it with its timeouts, retries and errors; a
   * client given its own `fetch` uses that instead.
   */
  storageAttempt?: HttpAttempt;
  /**
   * Sends one API call, where the runtime has a leaner way than `fetch` (in Node,
   * `node:http`, which storage requests use anyway: a first `fetch` call costs
   * Node 10–17 MiB more memory). Core wraps it like `storageAttempt`; a client
   * given its own `fetch` uses that instead.
   */
  apiAttempt?: HttpAttempt;
}
