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

Deno.test("abort takes away the folders the sink made, and only those", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/kept`);
    const sink = await openFileSink(`${dir}/kept/new/deeper/copy.fnnx`, "copy.fnnx");
    await sink.write(encoder.encode("partial"), 0);
    await sink.abort();
    assertEquals(await entries(dir), ["kept"]);
    assertEquals(await entries(`${dir}/kept`), []);
  });
});

Deno.test("a target under a file, not a folder, is a FileError before any byte is fetched", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/plain`, "x");
    const error = await assertRejects(() => openFileSink(`${dir}/plain/copy.fnnx`, "copy.fnnx"));
    assertEquals((error as { name: string }).name, "FileError");
  });
});

Deno.test("a symbolic link is followed: the file it names is replaced, the link stays", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/real.fnnx`, "old");
    await Deno.symlink(`${dir}/real.fnnx`, `${dir}/link.fnnx`);
    const sink = await openFileSink(`${dir}/link.fnnx`, "ignored.fnnx");
    assertEquals(sink.path, await Deno.realPath(`${dir}/real.fnnx`));
    await sink.write(encoder.encode("new"), 0);
    await sink.commit();
    assert((await Deno.lstat(`${dir}/link.fnnx`)).isSymlink, "the link must stay a link");
    assertEquals(await Deno.readTextFile(`${dir}/real.fnnx`), "new");
    assertEquals(await entries(dir), ["link.fnnx", "real.fnnx"]);
  });
});

/** Runs a command; false when it cannot (making a device takes root). */
async function ran(command: string, args: string[]): Promise<boolean> {
  const { success } = await new Deno.Command(command, { args, stderr: "null" }).output();
  return success;
}

Deno.test("a named pipe or a device (as /dev/stdout is) is not_a_file, and stays what it was", async () => {
  await withTempDir(async (dir) => {
    assert(await ran("mkfifo", [`${dir}/pipe`]), "mkfifo");
    // The same device as /dev/null, made here so that nothing outside the test is at stake.
    const device = await ran("mknod", [`${dir}/device`, "c", "1", "3"]);
    for (const name of device ? ["pipe", "device"] : ["pipe"]) {
      const error = await assertRejects(() => openFileSink(`${dir}/${name}`, "x.fnnx"));
      assertEquals((error as { code?: string }).code, "not_a_file");
    }
    assert((await Deno.lstat(`${dir}/pipe`)).isFifo, "the pipe must stay a pipe");
    if (device) assert((await Deno.lstat(`${dir}/device`)).isCharDevice, "the device must stay");
    assertEquals(await entries(dir), device ? ["device", "pipe"] : ["pipe"]);
  });
});

// One download fails as soon as its file is open and takes away the folders it
// made while they are empty; the other may be just between making that folder
// and creating its file in it. The window is small: many rounds find it.
Deno.test("into the same new folder at once, one failing never fails the other", async () => {
  await withTempDir(async (dir) => {
    const failures: string[] = [];
    for (let round = 0; round < 200; round++) {
      const folder = `${dir}/round-${round}/models`;
      const [failing, saving] = await Promise.allSettled([
        openFileSink(`${folder}/failed.fnnx`, "failed.fnnx").then((sink) => sink.abort()),
        openFileSink(`${folder}/saved.fnnx`, "saved.fnnx").then(async (sink) => {
          await sink.write(encoder.encode(`round ${round}`), 0);
          await sink.commit();
        }),
      ]);
      for (const result of [failing, saving]) {
        if (result.status === "rejected") failures.push(`round ${round}: ${result.reason}`);
      }
      if (saving.status === "fulfilled") {
        assertEquals(await entries(folder), ["saved.fnnx"]);
        assertEquals(await Deno.readTextFile(`${folder}/saved.fnnx`), `round ${round}`);
      }
    }
    assertEquals(failures, []);
  });
});
