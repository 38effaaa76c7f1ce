import type { StorageBackend } from "../storage/index";

/**
 * What the API needs from the storage backend: presigned URLs, nothing that
 * starts or stops storage.
 */
export type UrlSigner = Omit<StorageBackend, "info" | "stop">;
