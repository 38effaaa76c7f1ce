import { LumlClient as CoreLumlClient, type LumlClientOptions } from "@luml/core";
import { browserPlatform } from "./browser-platform";

/**
 * The LUML client for web pages: core's client with the browser platform (worker
 * hashing, XHR upload progress, Blob and File System Access downloads).
 *
 * An API key in a page can be read by every visitor, so the client refuses one
 * unless `dangerouslyAllowBrowser: true` is passed. To upload, a page needs no key
 * at all: `prepareUpload` and `sendUpload` here, `artifacts.beginUpload` and
 * `completeUpload` on your server. Otherwise, have your own back end issue a
 * short-lived, narrowly scoped key for the page.
 */
export class LumlClient extends CoreLumlClient {
  /** Creates a client; the browser platform is used unless `platform` is given. */
  constructor(options: LumlClientOptions = {}) {
    super({ ...options, platform: options.platform ?? browserPlatform });
  }
}
