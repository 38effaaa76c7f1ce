import type { Transport } from "../transport/transport";

/**
 * The size of a stored object, read with a one-byte ranged `GET` on its presigned
 * download URL (`Content-Range: bytes 0-0/SIZE`), so the object itself is never
 * downloaded. A store that ignores `Range` answers `200`: its `Content-Length` is
 * the size then. Rejects like any storage request when the object is missing.
 */
export async function storedObjectSize(
  transport: Transport,
  url: string,
  signal?: AbortSignal,
): Promise<number | undefined> {
  const response = await transport.storage({
    method: "GET",
    url,
    headers: { Range: "bytes=0-0" },
    // The body is what was asked for: at most one byte, or the object if `Range` is
    // ignored; only the headers are read, so the body is handed over and cancelled.
    responseType: "stream",
    signal,
  });
  await response.body?.cancel().catch(() => {});
  const range = response.headers.get("content-range");
  const total = range ? /\/\s*(\d+)\s*$/.exec(range)?.[1] : undefined;
  if (response.status === 206 && total !== undefined) return Number(total);
  const length = response.headers.get("content-length");
  if (response.status === 200 && length !== null && /^\d+$/.test(length)) return Number(length);
  return undefined;
}
