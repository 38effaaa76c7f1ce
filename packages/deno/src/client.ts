import {
  LumlClient as CoreLumlClient,
  type FileSavingArtifacts,
  type LumlClientOptions,
} from "@luml/core";
import { denoPlatform } from "./deno-platform.ts";

/**
 * The LUML client for Deno: core's client with the Deno platform (paths as lazy
 * file sources, atomic downloads to disk, native sha256). Needs only
 * `--allow-read --allow-write --allow-net --allow-env`.
 */
export class LumlClient extends CoreLumlClient {
  /**
   * The artifacts of a collection. `upload` takes a path, a `file:` URL, a
   * `Blob`/`File` or an `UploadSource`; `download` saves to a path, a folder, a
   * `file:` URL or a `WritableStream`; saved to a file, its result's `path` is set.
   */
  declare readonly artifacts: FileSavingArtifacts<string | URL, string | URL>;

  /** Creates a client; the Deno platform is used unless `platform` is given. */
  constructor(options: LumlClientOptions = {}) {
    super({ ...options, platform: options.platform ?? denoPlatform });
  }
}
