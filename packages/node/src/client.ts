import {
  LumlClient as CoreLumlClient,
  type FileSavingArtifacts,
  type LumlClientOptions,
} from "@luml/core";
import type { NodeDownloadTarget } from "./file-sink";
import { nodePlatform } from "./node-platform";
import type { NodeUploadInput } from "./open-source";

/**
 * The LUML client for Node.js and Bun: core's client with the Node platform, so
 * `artifacts.upload("model.fnnx")` reads a path lazily from disk and
 * `artifacts.download(id, { to })` writes a verified file atomically.
 *
 * @example
 * const luml = await LumlClient.create({ collection: "Models" });
 * const artifact = await luml.artifacts.upload("model.fnnx", { tags: ["prod"] });
 * await luml.artifacts.download(artifact.id, { to: "copy.fnnx" });
 */
export class LumlClient extends CoreLumlClient {
  /**
   * The artifacts of a collection. `upload` takes a path, a `file:` URL, a
   * `Blob`/`File` or an `UploadSource`; `download` saves to a path, a folder, a
   * `file:` URL or a `WritableStream`; saved to a file, its result's `path` is set.
   */
  declare readonly artifacts: FileSavingArtifacts<NodeUploadInput, NodeDownloadTarget>;

  /** Creates a client; the Node platform is used unless `platform` is given. */
  constructor(options: LumlClientOptions = {}) {
    super({ ...options, platform: options.platform ?? nodePlatform });
  }
}
