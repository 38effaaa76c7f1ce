// The public surface of @luml/node: the client, what it takes and returns, its
// errors, and the Node/Bun helpers a program calls. Every name is a reviewed
// choice, recorded in api-report.md (`pnpm run api-report` regenerates it; a test
// compares it with the built declarations). Plumbing stays in the modules that
// use it or in `@luml/core/internal`.

// From @luml/core: its whole public surface (errors, enums, models, options and
// results; itself a reviewed list). Its web-only `LumlClient` is shadowed by this
// package's own below: an explicit export wins over `export *`.
export * from "@luml/core";

// Its own: the client (core's, reading and writing files on disk), files as lazy
// Blobs, hashing, Ctrl-C, a terminal progress bar.
export {
  type AbortOnInterruptOptions,
  abortOnInterrupt,
  type InterruptListener,
} from "./abort-on-interrupt";
export { LumlClient } from "./client";
export { FileBlob } from "./file-blob";
export type { NodeDownloadTarget } from "./file-sink";
export type { FileSnapshot } from "./file-snapshot";
export { type HashBlobOptions, hashBlob } from "./hash-blob";
export type { NodeUploadInput } from "./open-source";
export { type ProgressBarOptions, progressBar } from "./progress-bar";
