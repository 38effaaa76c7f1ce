import { openFileSink } from "../src/file-sink.ts";
import { assert, assertEquals, assertRejects } from "./assert.ts";
import { withTempDir } from "./temp-files.ts";

async function entries(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

const encoder = new TextEncoder();

Deno.test("positioned writes in any order land at their offsets; nothing visible before commit", async () => {
  await withTempDir(async (dir) => {
    const target = `${dir}/copy.fnnx`;
    const sink = await openFileSink(target, "ignored.fnnx");
    await Promise.all([
      sink.write(encoder.encode("world"), 6),
      sink.write(encoder.encode("hello "), 0),
      sink.write(encoder.encode("!"), 11),
    ]);
    const before = await entries(dir);
    assert(!before.includes("copy.fnnx"), "the target must not exist before commit");
    assertEquals(before.length, 1);
    assert(before[0]?.startsWith(".copy.fnnx.") && before[0]?.endsWith(".part"), String(before[0]));
    await sink.commit();
    assertEquals(await Deno.readTextFile(target), "hello world!");
    assertEquals(await entries(dir), ["copy.fnnx"]);
  });
});

Deno.test("commit replaces an existing file atomically", async () => {
  await withTempDir(async (dir) => {
    const target = `${dir}/model.fnnx`;
    await Deno.writeTextFile(target, "old contents that are longer");
    const sink = await openFileSink(target, "model.fnnx");
    await sink.write(encoder.encode("new"), 0);
    assertEquals(await Deno.readTextFile(target), "old contents that are longer");
    await sink.commit();
    assertEquals(await Deno.readTextFile(target), "new");
  });
});

Deno.test("abort leaves nothing behind and keeps an existing file", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/keep.fnnx`, "keep");
    const sink = await openFileSink(`${dir}/keep.fnnx`, "keep.fnnx");
    await sink.write(encoder.encode("partial"), 0);
    await sink.abort();
    assertEquals(await entries(dir), ["keep.fnnx"]);
    assertEquals(await Deno.readTextFile(`${dir}/keep.fnnx`), "keep");
  });
});

Deno.test("a folder target (existing or ending in /) uses the safe file name", async () => {
  await withTempDir(async (dir) => {
    const sink = await openFileSink(dir, "safe-name.fnnx");
    assertEquals(sink.path, `${dir}/safe-name.fnnx`);
    await sink.write(encoder.encode("x"), 0);
    await sink.commit();
    await Deno.mkdir(`${dir}/sub`);
    const second = await openFileSink(`${dir}/sub/`, "other.tar");
    await second.commit();
    assertEquals(await entries(`${dir}/sub`), ["other.tar"]);
    assertEquals(await Deno.readTextFile(`${dir}/safe-name.fnnx`), "x");
  });
});

Deno.test("a target in a missing folder gets the folder, as in @luml/node", async () => {
  await withTempDir(async (dir) => {
    const sink = await openFileSink(`${dir}/missing/deeper/copy.fnnx`, "copy.fnnx");
    await sink.write(new TextEncoder().encode("x"), 0);
    await sink.commit();
    assertEquals(await entries(`${dir}/missing/deeper`), ["copy.fnnx"]);
  });
});

Deno.test("a target under a file, not a folder, is a FileError before any byte is fetched", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/plain`, "x");
    const error = await assertRejects(() => openFileSink(`${dir}/plain/copy.fnnx`, "copy.fnnx"));
    assertEquals((error as { name: string }).name, "FileError");
  });
});
