import { once } from "node:events";
import { mkdtemp, open, rm, truncate, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { indexArchive } from "@luml/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileBlob } from "./file-blob";
import { openSource } from "./open-source";

const gibibyte = 1024 ** 3;

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "luml-file-blob-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Writes `bytes` at `position` of the file at `path`. */
async function writeAt(path: string, bytes: Uint8Array, position: number): Promise<void> {
  const handle = await open(path, "r+");
  try {
    await handle.write(bytes, 0, bytes.byteLength, position);
  } finally {
    await handle.close();
  }
}

/** A ustar header for a regular file `name` of `size` bytes (octal fits below 8 GiB). */
function tarHeader(name: string, size: number): Uint8Array {
  const header = Buffer.alloc(512);
  header.write(name, 0, "utf8");
  header.write("0000644\0", 100);
  header.write("0000000\0", 108);
  header.write("0000000\0", 116);
  header.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  header.write("00000000000\0", 136);
  header.write("        ", 148);
  header.write("0", 156);
  header.write("ustar\0", 257);
  header.write("00", 263);
  let checksum = 0;
  for (const byte of header) checksum += byte;
  header.write(`${checksum.toString(8).padStart(6, "0")}\0 `, 148);
  return header;
}

describe("FileBlob", () => {
  it("is a Blob with Blob.slice semantics", async () => {
    const path = join(folder, "small.bin");
    await writeFile(path, "0123456789");
    const blob = new FileBlob(path, 0, 10);
    expect(blob).toBeInstanceOf(Blob);
    expect(await blob.text()).toBe("0123456789");
    expect(await blob.slice(2, 5).text()).toBe("234");
    expect(await blob.slice(-3).text()).toBe("789");
    expect(await blob.slice(4, 2).text()).toBe("");
    expect(await blob.slice(2, 8).slice(1, 3).text()).toBe("34");
    expect(await new Response(blob.slice(3, 7).stream()).text()).toBe("3456");
    expect(blob.slice(0, 4, "text/plain").type).toBe("text/plain");
  });

  it("is sent by fetch with its length and bytes", async () => {
    const path = join(folder, "fetch.bin");
    const content = Buffer.alloc(3 * 1024 * 1024 + 5, 7);
    content.write("start", 1024 * 1024);
    await writeFile(path, content);
    const received: { length?: string; bytes?: Buffer } = {};
    const server = createServer(async (request, response) => {
      received.length = request.headers["content-length"];
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      received.bytes = Buffer.concat(chunks);
      response.end("ok");
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { port } = server.address() as AddressInfo;
      const body = new FileBlob(path, 0, content.byteLength).slice(1024 * 1024);
      const response = await fetch(`http://127.0.0.1:${port}/`, { method: "PUT", body });
      expect(await response.text()).toBe("ok");
      expect(received.length).toBe(String(content.byteLength - 1024 * 1024));
      expect(received.bytes?.equals(content.subarray(1024 * 1024))).toBe(true);
    } finally {
      server.close();
    }
  });
});

describe("openSource past 4 GiB", () => {
  it("reports the real size and reads bytes past 4 GiB", async () => {
    const path = join(folder, "sparse.fnnx");
    const size = 5 * gibibyte + 3;
    await writeFile(path, "");
    await truncate(path, size);
    await writeAt(path, Buffer.from("marker-4g"), 4 * gibibyte + 100);
    await writeAt(path, Buffer.from("end"), size - 3);
    const source = await openSource(path);
    expect(source.size).toBe(size);
    expect(source.blob.size).toBe(size);
    expect(await source.blob.slice(4 * gibibyte + 100, 4 * gibibyte + 109).text()).toBe(
      "marker-4g",
    );
    expect(await source.blob.slice(-3).text()).toBe("end");
    const tail = source.blob.slice(4 * gibibyte + 96, 4 * gibibyte + 109).stream();
    expect(
      Buffer.from(await new Response(tail).arrayBuffer())
        .subarray(4)
        .toString(),
    ).toBe("marker-4g");
    await rm(path);
  });

  it("indexes an archive of many members through one open file, and refuses one edited since it was opened", async () => {
    const path = join(folder, "many.fnnx");
    const manifest = Buffer.from(JSON.stringify({ artifact_type: "model", payload: {} }));
    const parts: Uint8Array[] = [tarHeader("manifest.json", manifest.byteLength), manifest];
    parts.push(new Uint8Array(512 - manifest.byteLength));
    for (let index = 0; index < 3000; index++) {
      parts.push(tarHeader(`files/${index}.txt`, 3), Buffer.from("abc"), new Uint8Array(509));
    }
    parts.push(new Uint8Array(1024));
    await writeFile(path, parts);
    const source = await openSource(path);
    const opener = Symbol.for("@luml/core.openRandomAccess");
    const blob = source.blob as FileBlob & Record<symbol, () => Promise<unknown>>;
    let opens = 0;
    const open = blob[opener] as () => Promise<unknown>;
    Object.defineProperty(blob, opener, {
      value: function (this: FileBlob) {
        opens++;
        return open.call(this);
      },
    });
    const archive = await indexArchive(blob);
    expect(Object.keys(archive.file_index)).toHaveLength(3001);
    expect(archive.file_index["files/2999.txt"]).toEqual([1024 + 2999 * 1024 + 512, 3]);
    expect(opens).toBe(1);

    await writeAt(path, Buffer.from("x"), 2048 + 512);
    await expect(indexArchive(blob)).rejects.toMatchObject({ code: "changed" });
    await rm(path);
  });

  it("indexes a tar whose members lie past 4 GiB", async () => {
    const path = join(folder, "sparse.tar.fnnx");
    const bigSize = 4 * gibibyte + 1000;
    const manifest = Buffer.from(JSON.stringify({ artifact_type: "model", payload: {} }));
    const padded = (size: number) => Math.ceil(size / 512) * 512;
    const bigData = 512;
    const manifestHeader = bigData + padded(bigSize);
    const total = manifestHeader + 512 + padded(manifest.byteLength) + 1024;
    await writeFile(path, "");
    await truncate(path, total);
    await writeAt(path, tarHeader("weights.bin", bigSize), 0);
    await writeAt(path, tarHeader("manifest.json", manifest.byteLength), manifestHeader);
    await writeAt(path, manifest, manifestHeader + 512);
    const source = await openSource(path);
    const archive = await indexArchive(source.blob, { fileName: "sparse.tar.fnnx" });
    expect(archive.file_index["weights.bin"]).toEqual([512, bigSize]);
    expect(archive.file_index["manifest.json"]).toEqual([
      manifestHeader + 512,
      manifest.byteLength,
    ]);
    expect(archive.manifest).toMatchObject({ artifact_type: "model" });
    await rm(path);
  });
});
