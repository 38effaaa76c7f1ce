import {
  type ArtifactsResource,
  LumlClient as CoreLumlClient,
  type DownloadTarget,
  type LumlClientOptions,
  type UploadInput,
} from "@luml/core";
import { browserPlatform } from "./browser-platform";
import type { NamedFile } from "./open-source";

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
  /**
   * The artifacts of a collection. `upload` takes a `File`/`Blob` (with `fileName`
   * for a bare `Blob`), `{ file, name }`, a `FileSystemFileHandle` or an
   * `UploadSource`; `download` saves to a `FileSystemFileHandle`, a `WritableStream`,
   * or, with no `to`, into `result.blob`.
   */
  declare readonly artifacts: ArtifactsResource<
    UploadInput | NamedFile | FileSystemFileHandle,
    FileSystemFileHandle | DownloadTarget
  >;

  /** Creates a client; the browser platform is used unless `platform` is given. */
  constructor(options: LumlClientOptions = {}) {
    super({ ...options, platform: options.platform ?? browserPlatform });
  }
}
