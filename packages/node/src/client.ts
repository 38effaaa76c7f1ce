import { LumlClient as CoreLumlClient, type LumlClientOptions } from "@luml/core";
import { nodePlatform } from "./node-platform";

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
  /** Creates a client; the Node platform is used unless `platform` is given. */
  constructor(options: LumlClientOptions = {}) {
    super({ ...options, platform: options.platform ?? nodePlatform });
  }
}
