/**
 * What a runtime package supplies to core: how to hash bytes, read the user's
 * file, and write a download. Core itself uses only web-standard APIs.
 */
import type { Transport } from "./transport/transport";

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
  /** Feeds the next bytes of the input, in order; call before `digest`. */
  update(chunk: Uint8Array): void;
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
}

/** Where a download's bytes go; nothing is visible at the destination until `commit`. */
export interface DownloadSink {
  /** Where the file will be once committed (a file path), when the runtime has one. */
  readonly path?: string;
  /** Writes `chunk` at byte `position` of the file. */
  write(chunk: Uint8Array, position: number): Promise<void>;
  /** Makes the file visible at its destination (atomic where the runtime allows). */
  commit(): Promise<void>;
  /** Discards everything written; leaves nothing at the destination. */
  abort(): Promise<void>;
  /** The downloaded file, for sinks that keep it in memory (browsers); read after `commit`. */
  blob?(): Blob;
}

/** The runtime pieces a `LumlClient` is built with. */
export interface Platform {
  /** A fresh incremental sha256. */
  createSha256(): Sha256;
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
   * Overrides the storage half of the transport (e.g. XHR for upload progress).
   * `settings` carries the client's options that storage requests must honour.
   */
  storageTransport?: (fallback: Transport, settings?: StorageSettings) => Transport["storage"];
}

/** The client options a platform's storage transport must honour. */
export interface StorageSettings {
  /** Retries after a failed attempt (the client's `maxRetries`). */
  maxRetries?: number;
  /** The `fetch` the user gave the client, if any: storage requests should go through it. */
  fetch?: typeof fetch;
}
