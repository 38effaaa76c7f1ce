import { randomBytes } from "node:crypto";
import { open, stat, writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { FileBlob } from "../src/file-blob";
import { snapshotOf } from "../src/file-snapshot";

/** Writes `size` random bytes to `path` and returns them. */
export async function writeRandomFile(path: string, size: number): Promise<Buffer> {
  const bytes = randomBytes(size);
  await writeFile(path, bytes);
  return bytes;
}

/** A `FileBlob` over the whole file, with its snapshot taken now (what `openSource` does). */
export async function openFileBlob(path: string): Promise<FileBlob> {
  const stats = await stat(path, { bigint: true });
  return new FileBlob(path, 0, Number(stats.size), "", snapshotOf(stats));
}

/**
 * Rewrites the file's first byte in place: same size, other content. The kernel
 * stamps modification times from a clock that moves in ticks of a few
 * milliseconds, so the write is repeated until the file's time has really moved,
 * as it does for any edit that is not within the same tick as the opening.
 */
export async function editInPlace(path: string): Promise<void> {
  const before = await stat(path, { bigint: true });
  const handle = await open(path, "r+");
  try {
    const first = Buffer.alloc(1);
    await handle.read(first, 0, 1, 0);
    first[0] = (first[0] ?? 0) ^ 0xff;
    for (;;) {
      await sleep(5);
      await handle.write(first, 0, 1, 0);
      const now = await handle.stat({ bigint: true });
      if (now.mtimeNs !== before.mtimeNs) return;
    }
  } finally {
    await handle.close();
  }
}

/** Appends `size` bytes to the file. */
export async function append(path: string, size: number): Promise<void> {
  const handle = await open(path, "a");
  try {
    await handle.write(randomBytes(size));
  } finally {
    await handle.close();
  }
}

/** Reads a web stream to its end. */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

/** Reads a Node stream to its end. */
export async function readNodeStream(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The rejection of `promise`, or a failure if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}
