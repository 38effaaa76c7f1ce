import type { Platform } from "@luml/core";
import { DenoFileBlob } from "./deno-file-blob.ts";

/** Core's transport, as a platform's `storageTransport` receives it. */
type Transport = Parameters<NonNullable<Platform["storageTransport"]>>[0];

/**
 * The storage half of the transport for Deno. Deno's `fetch` sends a streamed body
 * chunked, whatever `Content-Length` says, and Azure (and S3) refuse chunked PUTs.
 * So a file-backed body is read into one `Uint8Array` whose length Deno knows: at
 * most one part (or one file under the multipart threshold), never more.
 */
export function createDenoStorageTransport(fallback: Transport): Transport["storage"] {
  return async (request) => {
    if (!(request.body instanceof DenoFileBlob)) return fallback.storage(request);
    request.signal?.throwIfAborted();
    const body = await request.body.bytes();
    return fallback.storage({ ...request, body });
  };
}
