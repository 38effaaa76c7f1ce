import { execFileSync } from "node:child_process";
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CollectionNotFoundError,
  FileError,
  IntegrityError,
  InvalidArgumentError,
  LumlClient,
  type ProgressEvent,
} from "../src/index";
import { buildModelArchive, sha256Hex, writeArchive } from "./build-archive";
import { rejectionOf } from "./file-edits";
import { seededClientOptions, useTestServer } from "./test-server";

const shared = useTestServer({ faults: true }, "luml-download-targets-");
let luml: LumlClient;
let artifactId: string;
let hash: string;

beforeAll(async () => {
  luml = await LumlClient.create(seededClientOptions(shared.server, "s3"));
  const path = join(shared.folder, "targets.fnnx");
  hash = await writeArchive(path, buildModelArchive(256 * 1024));
  artifactId = (await luml.artifacts.upload(path)).id;
}, 60_000);

/** A fresh folder holding only what a case puts there. */
async function emptyFolder(): Promise<string> {
  return mkdtemp(join(shared.folder, "case-"));
}

describe("artifacts.download to what already exists at the path", () => {
  it("through a symbolic link, replaces the file it names and keeps the link", async () => {
    const cases = await emptyFolder();
    const real = join(cases, "real.fnnx");
    const link = join(cases, "link.fnnx");
    await writeFile(real, "old bytes");
    await symlink(real, link);

    const result = await luml.artifacts.download(artifactId, { to: link });

    expect(result.path).toBe(real);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(real);
    expect(sha256Hex(await readFile(real))).toBe(hash);
    expect((await readdir(cases)).sort()).toEqual(["link.fnnx", "real.fnnx"]);
  });

  it("refuses a named pipe as not_a_file and leaves it a pipe", async () => {
    const cases = await emptyFolder();
    const pipe = join(cases, "pipe.fnnx");
    execFileSync("mkfifo", [pipe]);

    const error = await rejectionOf(luml.artifacts.download(artifactId, { to: pipe }));

    expect(FileError.isInstance(error) && error.code).toBe("not_a_file");
    expect((error as Error).message).toContain("named pipe");
    expect((await lstat(pipe)).isFIFO()).toBe(true);
    expect(await readdir(cases)).toEqual(["pipe.fnnx"]);
  });

  it("refuses a character device (as /dev/stdout is) and leaves it a device", async () => {
    const cases = await emptyFolder();
    const device = join(cases, "null-device");
    try {
      // The same device as /dev/null, made here so that nothing outside the test is at stake.
      execFileSync("mknod", [device, "c", "1", "3"], { stdio: "ignore" });
    } catch {
      return; // Making device files takes root.
    }

    const error = await rejectionOf(luml.artifacts.download(artifactId, { to: device }));

    expect(FileError.isInstance(error) && error.code).toBe("not_a_file");
    expect((await lstat(device)).isCharacterDevice()).toBe(true);
    expect(await readdir(cases)).toEqual(["null-device"]);
  });

  it("replacing a file, keeps its permissions (a 0600 file stays private)", async () => {
    const cases = await emptyFolder();
    const target = join(cases, "private.fnnx");
    await writeFile(target, "old bytes");
    await chmod(target, 0o600);

    await luml.artifacts.download(artifactId, { to: target });

    expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(sha256Hex(await readFile(target))).toBe(hash);
  });

  it("through a dangling symbolic link, creates the file it names and keeps the link", async () => {
    const cases = await emptyFolder();
    const link = join(cases, "link.fnnx");
    await symlink("target.fnnx", link);

    const result = await luml.artifacts.download(artifactId, { to: link });

    expect(result.path).toBe(join(cases, "target.fnnx"));
    expect(await readlink(link)).toBe("target.fnnx");
    expect(sha256Hex(await readFile(join(cases, "target.fnnx")))).toBe(hash);
    expect((await readdir(cases)).sort()).toEqual(["link.fnnx", "target.fnnx"]);
  });

  it.each(["/dev/stdout", "/proc/self/fd/1"])(
    "refuses %s as not_a_file, whatever this process's output is (a log file would be replaced)",
    async (descriptor) => {
      const error = await rejectionOf(luml.artifacts.download(artifactId, { to: descriptor }));

      expect(FileError.isInstance(error) && error.code, String(error)).toBe("not_a_file");
      expect((error as Error).message).toContain("descriptor of this process");
    },
  );

  it("under a file where a folder should be: not_a_file naming the file, nothing written", async () => {
    const cases = await emptyFolder();
    const file = join(cases, "afile");
    await writeFile(file, "kept");

    for (const to of [join(file, "x.fnnx"), `${file}/`, join(file, "sub", "x.fnnx")]) {
      const error = await rejectionOf(luml.artifacts.download(artifactId, { to }));
      expect(FileError.isInstance(error) && error.code, `${to}: ${error}`).toBe("not_a_file");
      expect((error as Error).message).toContain(`${file} is not a folder`);
    }
    expect(await readFile(file, "utf8")).toBe("kept");
    expect(await readdir(cases)).toEqual(["afile"]);
  });
});

describe("a failed download into folders that do not exist yet", () => {
  it("takes away the folders it made, and only those", async () => {
    const record = await luml.artifacts.retrieve(artifactId);
    await shared.server.faults.add({
      target: "s3",
      method: "GET",
      path: record.unique_identifier as string,
      times: 10,
      action: { corrupt: true },
    });
    const base = await emptyFolder();
    await mkdir(join(base, "kept"));
    const to = join(base, "kept", "new", "deeper", "copy.fnnx");
    const error = await rejectionOf(luml.artifacts.download(artifactId, { to }));
    await shared.server.faults.clear();
    expect(IntegrityError.isInstance(error)).toBe(true);
    expect(await readdir(base)).toEqual(["kept"]);
    expect(await readdir(join(base, "kept"))).toEqual([]);
  });
});

describe("arguments checked before any request", () => {
  /** A client whose every request would fail to connect: a typed argument error proves none was sent. */
  const unreachable = () =>
    new LumlClient({ ...seededClientOptions(shared.server, "s3"), baseUrl: "http://127.0.0.1:9" });

  it("an artifact id that is not one (a name) is an InvalidArgumentError naming `get`", async () => {
    const client = unreachable();
    const calls = [
      () => client.artifacts.download("churn-model", { to: shared.folder }),
      () => client.artifacts.retrieve("churn-model"),
      () => client.artifacts.downloadUrl("churn-model"),
      () => client.artifacts.update("churn-model", { tags: ["x"] }),
      () => client.artifacts.delete("churn-model"),
    ];
    for (const call of calls) {
      const error = await rejectionOf(call());
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain("artifacts.get(name)");
    }
  });

  it("a URL that names no local file, or an empty path, is an InvalidArgumentError", async () => {
    const client = unreachable();
    const calls: Array<[string, () => Promise<unknown>]> = [
      ["input", () => client.artifacts.upload(new URL("https://example.com/model.fnnx"))],
      ["input", () => client.artifacts.upload(new URL("file://fileserver/share/model.fnnx"))],
      ["input", () => client.artifacts.upload("")],
      ["to", () => client.artifacts.download(artifactId, { to: new URL("https://example.com/x") })],
      ["to", () => client.artifacts.download(artifactId, { to: new URL("file://fileserver/x") })],
      ["input", () => client.artifacts.upload(new URL("file:///tmp/a%2Fb.fnnx"))],
    ];
    for (const [argument, call] of calls) {
      const error = await rejectionOf(call());
      expect(InvalidArgumentError.isInstance(error), `${argument}: ${String(error)}`).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe(argument);
    }
    expect(await readdir(shared.folder)).not.toContain("x");
  });

  it("a blank new name is an InvalidArgumentError", async () => {
    const error = await rejectionOf(unreachable().artifacts.update(artifactId, { name: "  " }));
    expect(InvalidArgumentError.isInstance(error) && error.argument).toBe("name");
  });
});

describe("artifacts.upload with a collection that does not exist", () => {
  it("fails before hashing the file", async () => {
    const client = new LumlClient({
      ...seededClientOptions(shared.server, "s3"),
      collection: "Nope",
    });
    const path = join(shared.folder, "never-hashed.fnnx");
    await writeArchive(path, buildModelArchive(4 * 1024 * 1024));
    const events: ProgressEvent[] = [];

    const error = await rejectionOf(
      client.artifacts.upload(path, { onProgress: (event) => events.push(event) }),
    );

    expect(CollectionNotFoundError.isInstance(error)).toBe(true);
    expect(events.filter((event) => event.phase === "hashing")).toEqual([]);
  });
});
