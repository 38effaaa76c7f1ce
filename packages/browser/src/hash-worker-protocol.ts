/** What the page sends the hashing worker. */
export interface HashWorkerRequest {
  blob: Blob;
  /** The compiled SHA-256 module (the page's, so its bytes ship once). */
  module: WebAssembly.Module;
  /** Bytes hashed between progress reports. */
  sliceSize: number;
}

/** What the hashing worker sends back. */
export type HashWorkerReply =
  | { type: "progress"; loaded: number }
  | { type: "done"; digest: string }
  | { type: "error"; message: string };
