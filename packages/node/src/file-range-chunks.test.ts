import { randomBytes } from "node:crypto";
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileBlob } from "./file-blob";
import { chunkSize, fileRangeChunks } from "./file-range-chunks";
import { openSource } from "./open-source";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "luml-file-range-chunks-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("fileRangeChunks", () => {
  it("yields every byte of the range, in order, across chunk boundaries", async () => {
    const bytes = randomBytes(3 * chunkSize + 1000);
    const path = join(folder, "range.bin");
    await writeFile(path, bytes);
    const start = 17;
    const end = bytes.byteLength - 5;
    const copies: Buffer[] = [];
    const chunks = fileRangeChunks(path, start, end, undefined);
    for await (const chunk of chunks) {
      copies.push(Buffer.from(chunk));
      chunks.release(chunk);
    }
    expect(Buffer.concat(copies).equals(bytes.subarray(start, end))).toBe(true);
    expect(copies.every((chunk) => chunk.byteLength <= chunkSize)).toBe(true);
  });

  it("reads later chunks into the memory of chunks handed back, and never into one still held", async () => {
    const bytes = randomBytes(8 * chunkSize);
    const path = join(folder, "reuse.bin");
    await writeFile(path, bytes);
    const chunks = fileRangeChunks(path, 0, bytes.byteLength, undefined);
    const memory = new Set<ArrayBufferLike>();
    const held: Buffer[] = [];
    let offset = 0;
    for await (const chunk of chunks) {
      memory.add(chunk.buffer);
      // Every chunk still holds its own bytes when the next one arrives.
      for (const [index, earlier] of held.entries()) {
        const at = offset - (held.length - index) * chunkSize;
        expect(earlier.equals(bytes.subarray(at, at + chunkSize))).toBe(true);
      }
      held.push(chunk);
      // Hold two chunks at a time, as a request does, and hand back the oldest.
      if (held.length > 2) chunks.release(held.shift() as Buffer);
      offset += chunk.byteLength;
    }
    expect(offset).toBe(bytes.byteLength);
    expect(memory.size).toBeLessThan(8);
  });

  it("fails with `changed` when the file got shorter than the range", async () => {
    const path = join(folder, "shrinks.bin");
    await writeFile(path, randomBytes(4 * chunkSize));
    const source = await openSource(path);
    const blob = source.blob as FileBlob;
    await truncate(path, chunkSize);
    const read = async () => {
      for await (const _chunk of fileRangeChunks(blob.path, blob.start, blob.end, blob.snapshot)) {
        // Reading is all this does.
      }
    };
    await expect(read()).rejects.toMatchObject({ code: "changed" });
  });
});
