import { LumlClient as CoreLumlClient, type LumlClientOptions } from "@luml/core";
import { denoPlatform } from "./deno-platform.ts";

/**
 * The LUML client for Deno: core's client with the Deno platform (paths as lazy
 * file sources, atomic downloads to disk, native sha256). Needs only
 * `--allow-read --allow-write --allow-net --allow-env`.
 */
export class LumlClient extends CoreLumlClient {
  /** Creates a client; the Deno platform is used unless `platform` is given. */
  constructor(options: LumlClientOptions = {}) {
    super({ ...options, platform: options.platform ?? denoPlatform });
  }
}
