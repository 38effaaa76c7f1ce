import { execFileSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileError } from "@luml/core";
import { afterAll, describe, expect, it } from "vitest";
import { FileBlob } from "../src/file-blob";
import { toFileError } from "../src/file-error";
import { openFileSink } from "../src/file-sink";
import { openSource } from "../src/open-source";
import { rejectionOf } from "./file-edits";

const folder = await mkdtemp(join(tmpdir(), "luml-file-errors-"));
afterAll(async () => {
  await chmod(folder, 0o700).catch(() => {});
  await rm(folder, { recursive: true, force: true });
});

/** The `FileError` `run` rejects with; fails the test on anything else. */
async function fileErrorOf(run: () => Promise<unknown>): Promise<FileError> {
  const error = await rejectionOf(run());
  if (!FileError.isInstance(error)) throw error;
  return error;
}

/** Whether the OS refuses this process a read of `path` (root may read whatever the mode). */
async function isRefused(path: string): Promise<boolean> {
  return readFile(path).then(
    () => false,
    (error: { code?: string }) => error.code === "EACCES" || error.code === "EPERM",
  );
}

/**
 * A file this process cannot read: a mode-000 file, or, for root (whom modes do
 * not stop), the kernel's memory file of process 1, which ptrace rules refuse.
 */
async function unreadableFile(): Promise<string | undefined> {
  const path = join(folder, "no-access.fnnx");
  await writeFile(path, "secret");
  await chmod(path, 0o000);
  if (await isRefused(path)) return path;
  if (await isRefused("/proc/1/mem")) return "/proc/1/mem";
  return undefined;
}

/**
 * A folder this process cannot create files in: a mode-555 folder, or, for root,
 * sysfs (`/sys`), whose folders refuse new files.
 */
async function unwritableFolder(): Promise<string | undefined> {
  const path = join(folder, "read-only-folder");
  await mkdir(path, { recursive: true });
  await chmod(path, 0o555);
  const probe = join(path, "probe");
  const refused = (error: { code?: string }) => error.code === "EACCES" || error.code === "EPERM";
  if (await writeFile(probe, "x").then(() => false, refused)) return path;
  await rm(probe, { force: true });
  return (await writeFile("/sys/luml-probe", "x").then(() => false, refused)) ? "/sys" : undefined;
}

// Found before the tests are declared, so a case nothing here can produce is reported skipped.
const unreadable = await unreadableFile();
const unwritable = await unwritableFolder();

describe("file-system failures are FileErrors whose code says what happened", () => {
  it("a missing file is not_found, with the path and the OS reason", async () => {
    const path = join(folder, "missing.fnnx");
    const error = await fileErrorOf(() => openSource(path));
    expect(error.code).toBe("not_found");
    expect(error.fileName).toBe(path);
    expect(error.message).toBe(`No such file: ${path} (ENOENT: no such file or directory, stat)`);
  });

  it("a path through a regular file (ENOTDIR) is not_found", async () => {
    const file = join(folder, "plain.fnnx");
    await writeFile(file, "x");
    const error = await fileErrorOf(() => openSource(join(file, "model.fnnx")));
    expect(error.code).toBe("not_found");
    expect(error.message).toContain("ENOTDIR");
  });

  it("a folder, a named pipe and a device are not_a_file, found before any read", async () => {
    const fifo = join(folder, "pipe.fnnx");
    execFileSync("mkfifo", [fifo]);
    const cases: Array<[string, string]> = [
      [folder, "a folder"],
      [fifo, "a named pipe"],
      ["/dev/null", "a character device"],
    ];
    for (const [path, kind] of cases) {
      const error = await fileErrorOf(() => openSource(path));
      expect(error.code, path).toBe("not_a_file");
      expect(error.message, path).toContain(kind);
    }
  });

  it("a folder read as a file (EISDIR) is not_a_file", async () => {
    const error = await fileErrorOf(() => new FileBlob(folder, 0, 10).bytes());
    expect(error.code).toBe("not_a_file");
    expect(error.message).toContain("EISDIR");
  });

  it("a symbolic link loop (ELOOP) is io", async () => {
    const first = join(folder, "loop-a.fnnx");
    const second = join(folder, "loop-b.fnnx");
    await symlink(second, first);
    await symlink(first, second);
    const error = await fileErrorOf(() => openSource(first));
    expect(error.code).toBe("io");
    expect(error.message).toContain("ELOOP");
  });

  it.skipIf(unreadable === undefined)(
    "a file the OS refuses to read is permission_denied",
    async () => {
      const error = await fileErrorOf(() => new FileBlob(unreadable ?? "", 0, 10).bytes());
      expect(error.code).toBe("permission_denied");
      expect(error.message).toMatch(/EACCES|EPERM/);
    },
  );

  it.skipIf(unwritable === undefined)(
    "a download into a folder the OS refuses is permission_denied",
    async () => {
      const target = unwritable ?? "";
      const error = await fileErrorOf(() => openFileSink(join(target, "model.fnnx"), "model.fnnx"));
      expect(error.code).toBe("permission_denied");
      const missingFolder = await fileErrorOf(() =>
        openFileSink(join(target, "new-folder", "model.fnnx"), "model.fnnx"),
      );
      expect(missingFolder.code).toBe("permission_denied");
    },
  );

  it("a full device (ENOSPC) is no_space", async () => {
    // /dev/full fails every write with ENOSPC: a real error from the OS.
    const cause = await rejectionOf(writeFile("/dev/full", "bytes"));
    const error = toFileError(cause, "/dev/full") as FileError;
    expect(error.code).toBe("no_space");
    expect(error.message).toBe(
      "No space left on the device: /dev/full (ENOSPC: no space left on device, write)",
    );
    expect(error.cause).toBe(cause);
  });

  it("escapes control characters of a path in the message, keeping the path in fileName", async () => {
    const path = join(folder, "evil\n[ok] uploaded\u001b[2K\u202e.fnnx");
    const error = await fileErrorOf(() => openSource(path));
    expect(error.code).toBe("not_found");
    expect(error.fileName).toBe(path);
    const raw = [...error.message].filter((character) => {
      const code = character.charCodeAt(0);
      return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x202e;
    });
    expect(raw).toEqual([]);
    expect(error.message).toContain("evil\\n[ok] uploaded\\u001b[2K\\u202e.fnnx");
  });

  it("a path with a NUL character is not_found", async () => {
    const error = await fileErrorOf(() => openSource(join(folder, "a\u0000b.fnnx")));
    expect(error.code).toBe("not_found");
    expect(error.message).toContain("NUL");
    expect(error.message).not.toContain("\u0000");
  });
});
