import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IntegrityError, LumlClient } from "../src/index";
import { buildModelArchive, sha256Hex, writeArchive } from "./build-archive";
import { seededClientOptions, useTestServer } from "./test-server";

// Downloads of 16 MiB and more are hashed on a worker thread in Node (in Bun on the
// calling thread), and every download is read on a plain socket into reused chunks:
// the path a user's multi-GB model takes, here through LumlClient and the dev server.
const mebibyte = 1024 * 1024;
const shared = useTestServer(
  {
    multipartThreshold: 64 * mebibyte,
    partSize: 8 * mebibyte,
    faults: true,
  },
  "luml-large-download-",
);

describe.each(["s3", "azure"] as const)("a 24 MiB download with LumlClient on %s", (kind) => {
  const client = () => LumlClient.create(seededClientOptions(shared.server, kind));

  it("arrives whole and verified, twice in a row (buffers reused), and resumes a cut body", async () => {
    const luml = await client();
    const path = join(shared.folder, `large-${kind}.fnnx`);
    const hash = await writeArchive(path, buildModelArchive(24 * mebibyte + 12_345));
    const artifact = await luml.artifacts.upload(path);
    for (const copy of ["first", "second"]) {
      const to = join(shared.folder, `large-${kind}-${copy}.fnnx`);
      const result = await luml.artifacts.download(artifact.id, { to });
      expect(result.file_hash).toBe(hash);
      expect(sha256Hex(await readFile(to))).toBe(hash);
    }
    await shared.server.faults.add({
      target: kind,
      method: "GET",
      path: artifact.unique_identifier as string,
      action: { cut: "mid-body" },
    });
    const resumed = join(shared.folder, `large-${kind}-resumed.fnnx`);
    await luml.artifacts.download(artifact.id, { to: resumed });
    expect(sha256Hex(await readFile(resumed))).toBe(hash);
  });

  it("streams to a lagging reader exactly the file (downloadStream, and a WritableStream as `to`)", async () => {
    const luml = await client();
    const path = join(shared.folder, `large-${kind}-stream.fnnx`);
    const hash = await writeArchive(path, buildModelArchive(24 * mebibyte + 777));
    const artifact = await luml.artifacts.upload(path);
    const { stream, done } = await luml.artifacts.downloadStream(artifact.id);
    expect(sha256Hex(await readLagging(stream))).toBe(hash);
    expect((await done).file_hash).toBe(hash);

    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const download = luml.artifacts.download(artifact.id, { to: writable });
    expect(sha256Hex(await readLagging(readable))).toBe(hash);
    expect((await download).file_hash).toBe(hash);
  });

  it("refuses corrupted bytes with an IntegrityError and leaves nothing behind", async () => {
    const luml = await client();
    const path = join(shared.folder, `large-${kind}-corrupt.fnnx`);
    await writeArchive(path, buildModelArchive(20 * mebibyte));
    const artifact = await luml.artifacts.upload(path);
    await shared.server.faults.add({
      target: kind,
      method: "GET",
      path: artifact.unique_identifier as string,
      action: { corrupt: true },
    });
    const target = await mkdtemp(join(shared.folder, "corrupt-"));
    const error = await luml.artifacts
      .download(artifact.id, { to: join(target, "copy.fnnx") })
      .catch((caught: unknown) => caught);
    expect(IntegrityError.isInstance(error)).toBe(true);
    expect(await readdir(target)).toEqual([]);
  });
});

it("a 72 MiB download arrives verified (past 64 MiB read, Bun runs a full collection)", async () => {
  const luml = await LumlClient.create(seededClientOptions(shared.server, "s3"));
  const path = join(shared.folder, "past-64-mib.fnnx");
  const hash = await writeArchive(path, buildModelArchive(72 * mebibyte));
  const artifact = await luml.artifacts.upload(path);
  const to = join(shared.folder, "past-64-mib-copy.fnnx");
  expect((await luml.artifacts.download(artifact.id, { to })).file_hash).toBe(hash);
  expect(sha256Hex(await readFile(to))).toBe(hash);
});

/** Every byte of `stream`, read with a pause after each chunk so the download runs ahead. */
async function readLagging(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for (const reader = stream.getReader(); ; ) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    chunks.push(value);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
