import { InvalidArgumentError } from "./errors";
import { createWebSha256 } from "./hashing/create-sha256";
import type { Platform } from "./platform";
import { createBlobSink } from "./storage/blob-sink";

/**
 * The platform every web-standard runtime has (Cloudflare Workers, Vercel Edge,
 * Deno, Bun, browsers, service workers): uploads from a `Blob`/`File`, storage
 * requests on `fetch`, a streaming sha256 that compiles nothing at run time
 * (`crypto.DigestStream` where the runtime has it, else plain JavaScript), and
 * downloads into a verified `Blob` (no `to`) or a `WritableStream` (`to`), which
 * is closed only once the sha256 matched and aborted with the error otherwise.
 * `LumlClient` from `@luml/core` uses it; the runtime packages add files on disk,
 * native hashing and their own storage attempts.
 */
export const webPlatform: Platform = {
  createSha256: createWebSha256,
  async openSink(target) {
    if (target === undefined || target === null) return createBlobSink();
    throw new InvalidArgumentError({
      argument: "to",
      message:
        "expected a WritableStream, or nothing to receive a Blob (file paths need @luml/node or @luml/deno)",
    });
  },
};
