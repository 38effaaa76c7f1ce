// In Node, @luml/node sends every request on node:http or a bare socket, so a
// process using it never needs Node's own fetch implementation (undici): loading
// it made a short command peak 4–6 MiB higher and run 15–25 ms longer. Two things
// load it without a single fetch call: an ES `import` of `node:http` (in Node 22
// and later it reads the module's lazy `WebSocket` export) and the first touch of
// the global `Headers`. A fresh process runs a whole tour and reports which of
// Node's lazily loaded modules it pulled in.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildModelArchive } from "../suite/tar-archive.ts";

const run = promisify(execFile);
const child = fileURLToPath(new URL("./fetch-unloaded-child.mjs", import.meta.url));
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "luml-fetch-unloaded-"));
});

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe(`node ${process.versions.node.split(".")[0]}`, () => {
  it("lists, uploads, downloads and reports an API error without loading Node's fetch", async () => {
    const bytes = buildModelArchive(256 * 1024, { F1: 0.5 });
    const archive = join(folder, "footprint.luml");
    await writeFile(archive, bytes);
    const { stdout } = await run(process.execPath, [child, archive, join(folder, "copy.luml")], {
      env: process.env,
    });
    const report = JSON.parse(stdout.trim().split("\n").pop() ?? "{}");
    expect(report.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(report.error).toMatchObject({ name: "AuthenticationError", status: 401 });
    expect(report.error.headers["content-type"]).toMatch(/json/);
    expect(report.loaded).toEqual([]);
  }, 60_000);
});
