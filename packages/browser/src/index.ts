// The public surface of @luml/browser: the client, what it takes and returns, its
// errors, and the page helpers (saving, key-less uploads, hashing). Every name is
// a reviewed choice, recorded in api-report.md (`pnpm run api-report` regenerates
// it; a test compares it with the built declarations). Plumbing stays in the
// modules that use it or in `@luml/core/internal`.

// From @luml/core: its whole public surface (errors, enums, models, options and
// results; itself a reviewed list). Its web-only `LumlClient` is shadowed by this
// package's own below: an explicit export wins over `export *`.
export * from "@luml/core";

// Its own: the client (core's, uploading files and saving to file handles), saving a
// download, key-less uploads, hashing in a worker, progress on a page.
export { LumlClient } from "./client";
export { type BlobDownloadResult, downloadBlob } from "./download-blob";
export { type HashBlobOptions, hashBlob, hashBlobDiagnostics } from "./hash-blob";
export type { NamedFile } from "./open-source";
export { type PrepareUploadOptions, prepareUpload } from "./prepare-upload";
export {
  type BindProgressOptions,
  bindProgress,
  type ProgressElements,
  progressText,
} from "./progress";
export { type SaveArtifactOptions, saveArtifact } from "./save-artifact";
export { type SendUploadOptions, sendUpload } from "./send-upload";
