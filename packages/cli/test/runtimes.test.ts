import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DevServer, startDevServer } from "@luml/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cleanEnvironment,
  finished,
  luml,
  type Runtime,
  removeHomes,
  serverVariables,
  startLuml,
  writeModel,
} from "./helpers";

let server: DevServer;
let env: NodeJS.ProcessEnv;
let folder: string;

beforeAll(async () => {
  server = await startDevServer();
  env = await cleanEnvironment(serverVariables(server));
  folder = await mkdtemp(join(tmpdir(), "luml-cli-runtimes-"));
});

afterAll(async () => {
  await server?.stop();
  await removeHomes();
  if (folder) await rm(folder, { recursive: true, force: true });
});

// The same built command under each runtime: `bun bin/luml.js …`, `deno run -A bin/luml.js …`.
describe.each<Runtime>(["bun", "deno"])("under %s", (runtime) => {
  it("whoami, upload, ls sorted by a metric, get, download (verified), rm; usage and not-found exit codes", async () => {
    const run = (args: string[], cwd?: string) => luml(args, { env, runtime, cwd });
    const who = await run(["whoami", "--json"]);
    expect(who.stderr).toBe("");
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({ collection: { name: "Models" } });

    const files = { a: join(folder, `${runtime}-a.fnnx`), b: join(folder, `${runtime}-b.fnnx`) };
    const hash = await writeModel(files.a, { F1: 0.6 }, 64 * 1024);
    await writeModel(files.b, { F1: 0.9 }, 64 * 1024);
    const upload = await run(["upload", files.a, "--name", `${runtime}-a`, "--tag", runtime]);
    expect(upload.code, upload.stderr).toBe(0);
    expect(upload.stdout).toMatch(new RegExp(`^Uploaded ${runtime}-a .* F1=0\\.6\\n$`));
    expect(upload.stderr).toMatch(/^uploading\s+\[=+\] 100%/m);
    expect((await run(["upload", files.b, "--name", `${runtime}-b`, "--no-progress"])).code).toBe(
      0,
    );

    const ls = await run(["ls", "--sort", "F1", "--search", runtime]);
    expect(ls.code, ls.stderr).toBe(0);
    expect(
      ls.stdout
        .trimEnd()
        .split("\n")
        .map((line) => line.split(/\s+/)[0]),
    ).toEqual(["NAME", `${runtime}-b`, `${runtime}-a`]);

    const get = JSON.parse((await run(["get", `${runtime}-a`, "--json"])).stdout);
    expect(get).toMatchObject({ status: "uploaded", tags: [runtime], file_hash: hash });

    const out = join(folder, `${runtime}-out`);
    const download = await run(["download", `${runtime}-a`, "-o", `${out}/`, "--no-progress"]);
    expect(download.code, download.stderr).toBe(0);
    const saved = await readFile(join(out, `${runtime}-a.fnnx`));
    expect(createHash("sha256").update(saved).digest("hex")).toBe(hash);

    expect((await run(["rm", `${runtime}-a`, `${runtime}-b`])).code).toBe(0);
    const gone = await run(["get", `${runtime}-a`]);
    expect(gone.code, gone.stderr).toBe(5);
    expect(gone.stderr).toMatch(/^luml: No artifact named/);
    const usage = await run(["ls", "--limit", "none"]);
    expect(usage.code, usage.stderr).toBe(2);
  });

  it.each([[["--help"]], [["orgs"]]])(
    "%j to a reader that has gone (| head): exit 141, nothing on stderr",
    async (args) => {
      const child = startLuml(args, { env, runtime });
      // The read end closes before `luml` writes a byte, as `head` does once it has its lines.
      child.stdout?.destroy();
      const run = await finished(child);
      expect(run).toMatchObject({ code: 141, signal: null, stderr: "" });
    },
  );
});
