/**
 * The opt-in mode (`--key-in-browser`): the page gets the API key and calls the API
 * itself. Fine for a local demo; a public site must not hand its key to visitors.
 */
import { downloadBlob, LumlClient } from "@luml/browser";
import type { PageConfig } from "../src/page-config.ts";
import type { Backend } from "./backend.ts";

/** The calls for one orbit, through a client holding the key. */
export function keyInBrowserBackend(config: PageConfig, orbit: string): Backend {
  const luml = new LumlClient({
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    // The key is visible to this page: fine for a local demo, not for a public site.
    dangerouslyAllowBrowser: true,
    organization: config.organization,
    orbit,
    collection: config.collection,
  });
  return {
    list: async (sortBy, order) => (await luml.artifacts.list({ sortBy, order, limit: 100 })).items,
    // Aborted, the SDK marks the record it created `upload_failed` before it rejects.
    upload: (file, onProgress, signal) => luml.artifacts.upload(file, { onProgress, signal }),
    // The bytes collect in a Blob; the SDK checks their sha256 before it resolves.
    download: async (artifact, onProgress) =>
      (await downloadBlob(luml, artifact.id, { onProgress })).blob,
    remove: (artifact) => luml.artifacts.delete(artifact.id),
  };
}
