/** Runs `run` with a fresh temporary folder, removed afterwards whatever happens. */
export async function withTempDir(
  run: (dir: string) => Promise<void>,
  prefix = "luml-deno-",
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix });
  try {
    await run(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** `size` random bytes (getRandomValues fills at most 64 KiB per call). */
export function randomBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += 65536) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(size, offset + 65536)));
  }
  return bytes;
}
