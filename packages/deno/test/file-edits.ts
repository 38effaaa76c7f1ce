import { snapshotOf } from "../src/file-snapshot.ts";
import { DenoFileBlob } from "../src/index.ts";
import { randomBytes } from "./temp-files.ts";

/** A `DenoFileBlob` over the whole file, with its snapshot taken now (what `openSource` does). */
export async function openFileBlob(path: string): Promise<DenoFileBlob> {
  const info = await Deno.stat(path);
  return new DenoFileBlob(path, 0, info.size, "", snapshotOf(info));
}

/**
 * Rewrites the file's first byte in place: same size, other content. The kernel
 * stamps modification times from a clock that moves in ticks of a few
 * milliseconds, so the write is repeated until the file's time has really moved,
 * as it does for any edit that is not within the same tick as the opening.
 */
export async function editInPlace(path: string): Promise<void> {
  const before = (await Deno.stat(path)).mtime?.getTime();
  using file = await Deno.open(path, { read: true, write: true });
  const first = new Uint8Array(1);
  await file.read(first);
  first[0] = (first[0] ?? 0) ^ 0xff;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await file.seek(0, Deno.SeekMode.Start);
    await file.write(first);
    if ((await file.stat()).mtime?.getTime() !== before) return;
  }
}

/** Appends `size` random bytes to the file. */
export async function append(path: string, size: number): Promise<void> {
  await Deno.writeFile(path, randomBytes(size), { append: true });
}

/** Reads a web stream to its end. */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
