import { createHash } from "node:crypto";
import { DenoFileBlob, hashBlob, openDenoFileBlob } from "../src/index.ts";
import { openSource } from "../src/open-source.ts";
import { assert, assertEquals, assertRejects } from "./assert.ts";
import { randomBytes, withTempDir } from "./temp-files.ts";

Deno.test("a file-backed blob reads exactly the sliced ranges from disk", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/model.fnnx`;
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    await Deno.writeFile(path, bytes);
    const blob = await openDenoFileBlob(path);
    assertEquals(blob.size, bytes.byteLength);
    assertEquals(await blob.slice(5, 1029).bytes(), bytes.slice(5, 1029));
    assertEquals(new Uint8Array(await blob.slice(-100).arrayBuffer()), bytes.slice(-100));
    assertEquals(blob.slice(10, 5).size, 0);
    const nested = blob.slice(1000, 2_000_000).slice(24, 2024);
    assertEquals(await nested.bytes(), bytes.slice(1024, 3024));
  });
});

Deno.test("stream() yields the slice in bounded chunks", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/data.tar`;
    const bytes = randomBytes(2 * 1024 * 1024 + 5);
    await Deno.writeFile(path, bytes);
    const blob = (await openDenoFileBlob(path)).slice(3, bytes.byteLength - 2);
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    for await (const chunk of blob.stream()) chunks.push(chunk);
    assert(chunks.every((chunk) => chunk.byteLength <= 1024 * 1024));
    const joined = new Uint8Array(await new Blob(chunks).arrayBuffer());
    assertEquals(joined, bytes.slice(3, bytes.byteLength - 2));
  });
});

Deno.test("openSource gives the base name and a lazy file-backed blob", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/my.model.v2.fnnx`;
    await Deno.writeFile(path, randomBytes(1000));
    const source = await openSource(path);
    assertEquals(source.name, "my.model.v2.fnnx");
    assertEquals(source.size, 1000);
    assert(source.blob instanceof DenoFileBlob);
    const fromUrl = await openSource(new URL(`file://${path}`));
    assertEquals(fromUrl.size, 1000);
  });
});

Deno.test("a missing file is a FileError not_found before any read", async () => {
  const error = await assertRejects(() => openSource("/nonexistent/luml/model.fnnx"));
  assertEquals((error as { name: string }).name, "FileError");
  assertEquals((error as { code: string }).code, "not_found");
  assert((error as Error).message.includes("/nonexistent/luml/model.fnnx"));
});

Deno.test("a folder is refused as an upload source", async () => {
  await withTempDir(async (dir) => {
    const error = await assertRejects(() => openSource(dir));
    assertEquals((error as { name: string }).name, "FileError");
  });
});

Deno.test("a file that shrinks while read is reported, not padded", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/shrinking.tar`;
    await Deno.writeFile(path, randomBytes(4096));
    const blob = await openDenoFileBlob(path);
    await Deno.truncate(path, 100);
    const error = await assertRejects(() => blob.bytes());
    assertEquals((error as { code: string }).code, "changed");
  });
});

Deno.test("hashBlob matches node:crypto on a multi-chunk file, with monotonic progress", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/big.fnnx`;
    const bytes = randomBytes(20 * 1024 * 1024 + 3);
    await Deno.writeFile(path, bytes);
    const expected = createHash("sha256").update(bytes).digest("hex");
    const reports: number[] = [];
    const digest = await hashBlob(await openDenoFileBlob(path), {
      onProgress: (loaded: number) => reports.push(loaded),
    });
    assertEquals(digest, expected);
    assert(reports.length >= 3, `expected several progress reports, got ${reports.length}`);
    assert(reports.every((value, index) => index === 0 || value > (reports[index - 1] ?? 0)));
    assertEquals(reports.at(-1), bytes.byteLength);
    assertEquals(await hashBlob(new Blob([bytes])), expected);
  });
});

Deno.test("hashBlob stops when its signal aborts", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/big.fnnx`;
    await Deno.writeFile(path, randomBytes(24 * 1024 * 1024));
    const controller = new AbortController();
    const reason = new Error("stop");
    const blob = await openDenoFileBlob(path);
    const seen: number[] = [];
    const aborted = await assertRejects(() =>
      hashBlob(blob, {
        signal: controller.signal,
        onProgress: (loaded: number) => {
          seen.push(loaded);
          controller.abort(reason);
        },
      }),
    );
    assertEquals(aborted, reason);
    assertEquals(seen.length, 1);
  });
});

Deno.test("a URL that names no local file is refused, never read as a local path", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/model.fnnx`, randomBytes(1024));
    for (const url of [
      `https://example.com${dir}/model.fnnx`,
      `file://fileserver${dir}/model.fnnx`,
      `file://${dir}%2Fmodel.fnnx`,
    ]) {
      const error = await openDenoFileBlob(new URL(url)).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      assert(
        error instanceof Error && error.name === "InvalidArgumentError",
        `${url}: ${String(error)}`,
      );
    }
    assertEquals((await openDenoFileBlob(new URL(`file://${dir}/model.fnnx`))).size, 1024);
  });
});
