import { HeaderMap } from "./reply-headers";

/**
 * Reply headers as `node:http` gives them (lower-case names, repeated values as
 * arrays), as `StorageResponse` carries them.
 */
export function headersFromRecord(
  record: Record<string, string | string[] | number | undefined>,
): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined) continue;
    headers.append(name, Array.isArray(value) ? value.join(", ") : String(value));
  }
  return headers;
}
