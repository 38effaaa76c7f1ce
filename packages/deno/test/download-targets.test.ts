import { buildModelArchive } from "../../../tests/runtime/suite/tar-archive.ts";
import { LumlClient } from "../src/index.ts";
import { assert, assertEquals, assertRejects } from "./assert.ts";
import { startTestDevServer } from "./dev-server.ts";
import { withTempDir } from "./temp-files.ts";

/** Runs a command; false when it cannot (making a device takes root). */
async function ran(command: string, args: string[]): Promise<boolean> {
  const { success } = await new Deno.Command(command, { args, stderr: "null" }).output();
  return success;
}

async function entries(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

/** A client, an uploaded 64 KiB archive's id and bytes, and an empty `cases` folder. */
async function withUploaded(
  run: (luml: LumlClient, id: string, bytes: Uint8Array, cases: string) => Promise<void>,
): Promise<void> {
  const server = await startTestDevServer();
  try {
    await withTempDir(async (dir) => {
      const luml = new LumlClient({
        baseUrl: server.baseUrl,
        apiKey: server.apiKey,
        organization: server.seeded.organization.name,
        orbit: server.seeded.orbits.s3.name,
        collection: server.seeded.collections.s3.name,
      });
      const bytes = buildModelArchive(64 * 1024, { accuracy: 0.9 });
      await Deno.writeFile(`${dir}/targets.fnnx`, bytes);
      const { id } = await luml.artifacts.upload(`${dir}/targets.fnnx`);
      const cases = `${dir}/cases`;
      await Deno.mkdir(cases);
      await run(luml, id, bytes, cases);
    });
  } finally {
    await server.stop();
  }
}

Deno.test("LumlClient downloads through a symbolic link, and refuses a pipe or a device at `to`", async () => {
  await withUploaded(async (luml, id, bytes, cases) => {
    // A link: the file it names gets the bytes; the link stays a link.
    await Deno.writeTextFile(`${cases}/real.fnnx`, "old bytes");
    await Deno.symlink(`${cases}/real.fnnx`, `${cases}/link.fnnx`);
    const result = await luml.artifacts.download(id, { to: `${cases}/link.fnnx` });
    assertEquals(result.path, await Deno.realPath(`${cases}/real.fnnx`));
    assertEquals(await Deno.readFile(`${cases}/real.fnnx`), bytes);
    assert((await Deno.lstat(`${cases}/link.fnnx`)).isSymlink, "the link must stay a link");

    // A pipe, and a device made here as /dev/null is: refused, and left as they were.
    assert(await ran("mkfifo", [`${cases}/pipe`]), "mkfifo");
    const device = await ran("mknod", [`${cases}/device`, "c", "1", "3"]);
    for (const name of device ? ["pipe", "device"] : ["pipe"]) {
      const error = await assertRejects(() =>
        luml.artifacts.download(id, { to: `${cases}/${name}` }),
      );
      assertEquals((error as { code?: string }).code, "not_a_file");
    }
    assert((await Deno.lstat(`${cases}/pipe`)).isFifo, "the pipe must stay a pipe");
    if (device) assert((await Deno.lstat(`${cases}/device`)).isCharDevice, "the device must stay");
    const left = device
      ? ["device", "link.fnnx", "pipe", "real.fnnx"]
      : ["link.fnnx", "pipe", "real.fnnx"];
    assertEquals(await entries(cases), left);
  });
});

Deno.test("LumlClient follows a dangling link, refuses /dev/stdout and a file in a folder's place", async () => {
  await withUploaded(async (luml, id, bytes, cases) => {
    // A replaced file keeps its permissions.
    await Deno.writeTextFile(`${cases}/private.fnnx`, "old bytes");
    await Deno.chmod(`${cases}/private.fnnx`, 0o600);
    await luml.artifacts.download(id, { to: `${cases}/private.fnnx` });
    assertEquals(((await Deno.stat(`${cases}/private.fnnx`)).mode ?? 0) & 0o777, 0o600);
    assertEquals(await Deno.readFile(`${cases}/private.fnnx`), bytes);

    // A dangling link: the file it names is created; the link stays.
    await Deno.symlink("target.fnnx", `${cases}/link.fnnx`);
    const result = await luml.artifacts.download(id, { to: `${cases}/link.fnnx` });
    assertEquals(result.path, `${cases}/target.fnnx`);
    assertEquals(await Deno.readFile(`${cases}/target.fnnx`), bytes);
    assertEquals(await Deno.readLink(`${cases}/link.fnnx`), "target.fnnx");

    // This process's output, whatever it leads to (a log file would be replaced).
    for (const descriptor of ["/dev/stdout", "/proc/self/fd/1"]) {
      const error = await assertRejects(() => luml.artifacts.download(id, { to: descriptor }));
      assertEquals((error as { code?: string }).code, "not_a_file");
    }

    // A file where a folder of the path should be: named, and left as it was.
    await Deno.writeTextFile(`${cases}/afile`, "kept");
    for (const to of [`${cases}/afile/x.fnnx`, `${cases}/afile/`, `${cases}/afile/sub/x.fnnx`]) {
      const error = await assertRejects(() => luml.artifacts.download(id, { to }));
      assertEquals((error as { code?: string }).code, "not_a_file", to);
      assert(String(error).includes("afile is not a folder"), String(error));
    }
    assertEquals(await Deno.readTextFile(`${cases}/afile`), "kept");
    assertEquals(await entries(cases), ["afile", "link.fnnx", "private.fnnx", "target.fnnx"]);
  });
});
