/**
 * Reply headers as `node:http` gives them (lower-case names, repeated values as
 * arrays) turned into web `Headers`, as `StorageResponse` carries them.
 */
export function headersFromRecord(
  record: Record<string, string | string[] | number | undefined>,
): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : String(value));
  }
  return headers;
}
