import { openFileSink } from "../src/file-sink.ts";
import { DenoFileBlob, openDenoFileBlob } from "../src/index.ts";
import { openSource } from "../src/open-source.ts";
import { assert, assertEquals, assertRejects } from "./assert.ts";
import { withTempDir } from "./temp-files.ts";

/** The FileError `run` rejects with, as its fields. */
async function fileErrorOf(
  run: () => Promise<unknown>,
): Promise<{ code: string; fileName?: string; message: string }> {
  const error = await assertRejects(run);
  assertEquals((error as Error).name, "FileError", String(error));
  return error as { code: string; fileName?: string; message: string };
}

/** Whether this process may read `path` (root may read a file whatever its mode). */
async function canRead(path: string): Promise<boolean> {
  return Deno.readFile(path).then(
    () => true,
    () => false,
  );
}

/**
 * Runs `file-error-child.ts` with `--allow-all` (Deno refuses /dev and /proc files
 * to anything less) and returns the FileError it printed for `errorCase`.
 */
async function fileErrorInChild(
  errorCase: string,
): Promise<{ failed: boolean; code?: string; message?: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-config",
      "--cached-only",
      `--import-map=${new URL("./import-map.json", import.meta.url).pathname}`,
      "--allow-all",
      new URL("./file-error-child.ts", import.meta.url).pathname,
      errorCase,
    ],
    env: { DENO_NO_PACKAGE_JSON: "1" },
    stderr: "inherit",
  }).output();
  assert(output.success, `the ${errorCase} child failed`);
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

const root = Deno.makeTempDirSync({ prefix: "luml-deno-errors-" });
globalThis.addEventListener("unload", () => {
  Deno.chmodSync(root, 0o700);
  Deno.removeSync(root, { recursive: true });
});

/** A mode-000 file, if this process cannot read it (root can, whatever the mode). */
async function unreadableFile(): Promise<string | undefined> {
  const path = `${root}/no-access.fnnx`;
  await Deno.writeTextFile(path, "secret");
  await Deno.chmod(path, 0o000);
  return (await canRead(path)) ? undefined : path;
}

/** A mode-555 folder, if this process cannot create files in it (root can). */
async function unwritableFolder(): Promise<string | undefined> {
  const path = `${root}/read-only-folder`;
  await Deno.mkdir(path);
  await Deno.chmod(path, 0o555);
  const writable = await Deno.writeTextFile(`${path}/probe`, "x").then(
    () => true,
    () => false,
  );
  return writable ? undefined : path;
}

// Found before the tests are declared, so a case nothing here can produce is ignored, visibly.
const unreadable = await unreadableFile();
const unwritable = await unwritableFolder();

Deno.test("a missing file is not_found, with the path and the OS reason", async () => {
  const path = `${root}/missing.fnnx`;
  const error = await fileErrorOf(() => openSource(path));
  assertEquals(error.code, "not_found");
  assertEquals(error.fileName, path);
  assertEquals(
    error.message,
    `No such file: ${path} (ENOENT: No such file or directory (os error 2))`,
  );
});

Deno.test("a path through a regular file (ENOTDIR) is not_found", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/plain.fnnx`, "x");
    const error = await fileErrorOf(() => openSource(`${dir}/plain.fnnx/model.fnnx`));
    assertEquals(error.code, "not_found");
    assert(error.message.includes("ENOTDIR"), error.message);
  });
});

Deno.test("a folder, a named pipe and a device are not_a_file, found before any read", async () => {
  await withTempDir(async (dir) => {
    const fifo = `${dir}/pipe.fnnx`;
    const made = await new Deno.Command("mkfifo", { args: [fifo] }).output();
    assert(made.success, "mkfifo");
    const cases: Array<[string, string]> = [
      [dir, "a folder"],
      [fifo, "a named pipe"],
      ["/dev/null", "a character device"],
    ];
    for (const [path, kind] of cases) {
      const error = await fileErrorOf(() => openSource(path));
      assertEquals(error.code, "not_a_file", path);
      assert(error.message.includes(kind), error.message);
    }
  });
});

Deno.test("a folder read as a file (EISDIR) is not_a_file", async () => {
  await withTempDir(async (dir) => {
    const error = await fileErrorOf(() => new DenoFileBlob(dir, 0, 10).bytes());
    assertEquals(error.code, "not_a_file");
    assert(error.message.includes("EISDIR"), error.message);
  });
});

Deno.test("a symbolic link loop (ELOOP) is io", async () => {
  await withTempDir(async (dir) => {
    await Deno.symlink(`${dir}/b.fnnx`, `${dir}/a.fnnx`);
    await Deno.symlink(`${dir}/a.fnnx`, `${dir}/b.fnnx`);
    const error = await fileErrorOf(() => openDenoFileBlob(`${dir}/a.fnnx`));
    assertEquals(error.code, "io");
    assert(error.message.includes("ELOOP"), error.message);
  });
});

Deno.test({
  name: "a mode-000 file is permission_denied (not as root)",
  ignore: unreadable === undefined,
  async fn() {
    const error = await fileErrorOf(() => new DenoFileBlob(unreadable ?? "", 0, 10).bytes());
    assertEquals(error.code, "permission_denied");
    assert(/EACCES|EPERM/.test(error.message), error.message);
  },
});

Deno.test("a file the OS refuses to read is permission_denied (process 1's memory)", async () => {
  const result = await fileErrorInChild("read-proc-mem");
  assert(result.failed, "reading another process's memory at address 0 fails");
  // ptrace rules refuse it (EACCES) to anyone but a root allowed to trace process 1,
  // whose read of the unmapped address 0 fails with EIO instead.
  const expected = /EACCES|EPERM/.test(result.message ?? "") ? "permission_denied" : "io";
  assertEquals(result.code, expected, result.message);
});

Deno.test("a download into a folder the OS refuses is permission_denied (sysfs)", async () => {
  const result = await fileErrorInChild("download-into-sys");
  // sysfs creates no regular files, for root neither.
  assert(result.failed, "creating a file in /sys fails");
  assertEquals(result.code, "permission_denied");
  assert(/EACCES|EPERM/.test(result.message ?? ""), result.message);
});

Deno.test({
  name: "a download into a mode-555 folder is permission_denied (not as root)",
  ignore: unwritable === undefined,
  async fn() {
    const error = await fileErrorOf(() => openFileSink(`${unwritable}/model.fnnx`, "model.fnnx"));
    assertEquals(error.code, "permission_denied");
    assert(/EACCES|EPERM/.test(error.message), error.message);
  },
});

Deno.test({
  name: "a path Deno was not allowed to read is permission_denied, naming the flag",
  permissions: { read: ["/tmp/luml-allowed-only"] },
  async fn() {
    const error = await fileErrorOf(() => openSource(`${root}/model.fnnx`));
    assertEquals(error.code, "permission_denied");
    assert(error.message.includes("--allow-read"), error.message);
  },
});

Deno.test("a full device (ENOSPC) is no_space", async () => {
  // /dev/full fails every write with ENOSPC: a real error from the OS.
  const result = await fileErrorInChild("write-dev-full");
  assertEquals(result.code, "no_space");
  assert(
    result.message?.startsWith("No space left on the device: /dev/full (ENOSPC"),
    result.message,
  );
});

Deno.test("control characters of a path are escaped in the message, kept in fileName", async () => {
  const path = `${root}/evil\n[ok] uploaded\u001b[2K\u202e.fnnx`;
  const error = await fileErrorOf(() => openSource(path));
  assertEquals(error.code, "not_found");
  assertEquals(error.fileName, path);
  const raw = [...error.message].filter((character) => {
    const code = character.charCodeAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x202e;
  });
  assertEquals(raw, []);
  assert(error.message.includes("evil\\n[ok] uploaded\\u001b[2K\\u202e.fnnx"), error.message);
});
