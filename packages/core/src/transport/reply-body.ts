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

/** `chunks` (of `length` bytes in all) as one array; a single chunk is passed on as is. */
export function concatBytes(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}
