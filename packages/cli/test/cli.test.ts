import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { lstat, mkdtemp, open, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DevServer, startDevServer } from "@luml/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import packageJson from "../package.json";
import {
  bin,
  cleanEnvironment,
  finished,
  listRecords,
  luml,
  type Run,
  removeHomes,
  serverVariables,
  startLuml,
  waitFor,
  writeModel,
  writeSparseModel,
} from "./helpers";

let server: DevServer;
let env: NodeJS.ProcessEnv;
let folder: string;
const hashes: Record<string, string> = {};

beforeAll(async () => {
  server = await startDevServer({ faults: true });
  env = await cleanEnvironment(serverVariables(server));
  folder = await mkdtemp(join(tmpdir(), "luml-cli-test-"));
  hashes.low = await writeModel(join(folder, "churn-low.fnnx"), { F1: 0.71, accuracy: 0.93 });
  hashes.high = await writeModel(join(folder, "churn-high.fnnx"), { F1: 0.92, accuracy: 0.81 });
  hashes.mid = await writeModel(join(folder, "churn-mid.fnnx"), { F1: 0.85, accuracy: 0.88 });
});

afterAll(async () => {
  await server?.stop();
  await removeHomes();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Every stderr of a failed run is one line starting with `luml:`. */
function expectOneErrorLine(stderr: string): string {
  const lines = stderr.trimEnd().split("\n");
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^luml: \S/);
  return lines[0] ?? "";
}

describe("help and usage", () => {
  it("--help lists every command, the configuration and the exit codes (exit 0)", async () => {
    const run = await luml(["--help"], { env });
    expect(run.code, run.stderr).toBe(0);
    for (const command of [
      "whoami",
      "orgs",
      "orbits",
      "collections",
      "ls",
      "get",
      "upload",
      "download",
      "update",
      "rm",
      "cleanup",
    ]) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
    }
    expect(run.stdout).toContain("LUML_API_KEY");
    expect(run.stdout).toContain("130 interrupted");
    expect(run.stdout).toContain("141 stdout closed");
  });

  it("each command has its own --help", async () => {
    const ls = await luml(["ls", "--help"], { env });
    expect(ls.code, ls.stderr).toBe(0);
    expect(ls.stdout).toContain("Usage: luml ls");
    expect(ls.stdout).toContain("--sort <key>");
    const upload = await luml(["help", "upload"], { env });
    expect(upload.code, upload.stderr).toBe(0);
    expect(upload.stdout).toContain("--tag <tag>");
  });

  it("--version prints the package's version", async () => {
    const run = await luml(["--version"], { env });
    expect(run).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` });
  });

  it.each([
    [["frobnicate"], /unknown command 'frobnicate'/],
    [["ls", "--bogus"], /unknown option '--bogus'.*luml ls --help/],
    [["ls", "--limit", "0"], /--limit.*positive whole number/],
    [["ls", "--type", "weights"], /Allowed choices are model, dataset, experiment/],
    [["ls", "--order", "up"], /--order/],
    [["upload"], /missing required argument 'file'/],
    [["cleanup"], /--pending/],
    [["cleanup", "--pending", "--older-than", "soon"], /Invalid --older-than "soon"/],
    [["update", "churn-low.fnnx"], /Nothing to update/],
  ])("%j is a usage error: exit 2 and one line", async (args, message) => {
    const run = await luml(args, { env });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe("");
    expect(expectOneErrorLine(run.stderr)).toMatch(message);
  });

  it("stdout that cannot be written (a full disk): exit 1 and one line", async () => {
    const full = await open("/dev/full", "w");
    try {
      const run = await finished(startLuml(["--help"], { env, stdout: full.fd }));
      expect(run).toMatchObject({ code: 1, signal: null });
      expect(expectOneErrorLine(run.stderr)).toBe("luml: cannot write to stdout: ENOSPC");
    } finally {
      await full.close();
    }
  });

  it("no command at all shows the help on stderr, exit 2", async () => {
    const run = await luml([], { env });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("Usage: luml");
  });
});

describe("configuration", () => {
  it("without an API key: exit 3, saying where to put one", async () => {
    const bare = await cleanEnvironment({ LUML_BASE_URL: server.baseUrl });
    const run = await luml(["orgs"], { env: bare });
    expect(run.code, run.stderr).toBe(3);
    expect(expectOneErrorLine(run.stderr)).toMatch(/No API key: set LUML_API_KEY/);
  });

  it("a base URL ending in /v1: exit 3, saying to leave it out", async () => {
    const run = await luml(["ls", "--base-url", `${server.baseUrl}/v1`], { env });
    expect(run.code, run.stderr).toBe(3);
    expect(expectOneErrorLine(run.stderr)).toMatch(/leave out the \/v1/);
  });

  it("a base URL with credentials: exit 3, the secret never printed", async () => {
    const withSecret = server.baseUrl.replace("://", "://me:URLSECRET@");
    for (const args of [["whoami"], ["ls"]]) {
      const run = await luml([...args, "--base-url", withSecret], { env });
      expect(run.code, run.stderr).toBe(3);
      expect(expectOneErrorLine(run.stderr)).toMatch(/with credentials/);
      expect(run.stdout + run.stderr).not.toContain("URLSECRET");
    }
  });

  it("a refused key: exit 4, and the key is never printed", async () => {
    const secret = "dfs_not_a_real_key_0123456789abcdef";
    const run = await luml(["ls"], { env: { ...env, LUML_API_KEY: secret } });
    expect(run.code, run.stderr).toBe(4);
    expectOneErrorLine(run.stderr);
    expect(run.stdout + run.stderr).not.toContain(secret);
    const debug = await luml(["ls", "--debug"], { env: { ...env, LUML_API_KEY: secret } });
    expect(debug.code, debug.stderr).toBe(4);
    expect(debug.stderr).toMatch(/GET .*\/v1\/users\/me\/organizations/);
    expect(debug.stderr).toMatch(/at /);
    expect(debug.stdout + debug.stderr).not.toContain(secret);
  });

  it("a key read from a file keeps working with its final newline", async () => {
    const run = await luml(["whoami"], { env: { ...env, LUML_API_KEY: `${server.apiKey}\n` } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^API key\s+valid \(from LUML_API_KEY\)$/m);
  });

  it("a line break inside the key: exit 3 at once, saying so, and no part of the key printed", async () => {
    const [head, tail] = [server.apiKey.slice(0, 12), server.apiKey.slice(12)];
    const run = await luml(["whoami"], { env: { ...env, LUML_API_KEY: `${head}\n${tail}\n` } });
    expect(run.code, run.stderr).toBe(3);
    expect(expectOneErrorLine(run.stderr)).toMatch(
      /The API key contains a line break or other control character/,
    );
    for (const part of [head, tail, head.slice(-6), tail.slice(0, 6)]) {
      expect(run.stdout + run.stderr).not.toContain(part);
    }
  });

  it("a key of a user outside the organization: exit 5, naming the organizations it has", async () => {
    const key = server.seeded.noRightsApiKey;
    const run = await luml(["ls"], { env: { ...env, LUML_API_KEY: key } });
    expect(run.code, run.stderr).toBe(5);
    expect(expectOneErrorLine(run.stderr)).toMatch(
      /Organization "Demo Org" not found\. Available: /,
    );
    expect(run.stdout + run.stderr).not.toContain(key);
  });

  it("flags win over variables", async () => {
    const run = await luml(["whoami", "--json", "--api-key", server.apiKey], {
      env: { ...env, LUML_API_KEY: "dfs_wrong" },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ apiKeySource: "--api-key" });
    expect(run.stdout).not.toContain(server.apiKey);
  });

  it("reads a config file (--config or the default path), variables win over it", async () => {
    const file = join(folder, "config.json");
    await writeFile(
      file,
      JSON.stringify({
        apiKey: server.apiKey,
        baseUrl: server.baseUrl,
        organization: "Demo Org",
        orbit: "Azure Orbit",
        collection: "Models",
      }),
    );
    const bare = await cleanEnvironment();
    const run = await luml(["whoami", "--json", "--config", file], { env: bare });
    expect(run.code, run.stderr).toBe(0);
    const who = JSON.parse(run.stdout);
    expect(who).toMatchObject({
      baseUrl: server.baseUrl,
      apiKeySource: file,
      configFile: file,
      organization: { name: "Demo Org" },
      orbit: { id: server.seeded.orbits.azure.id, name: "Azure Orbit" },
      collection: { id: server.seeded.collections.azure.id, name: "Models" },
    });
    expect(run.stdout).not.toContain(server.apiKey);

    // The default path, and a variable over the file's value.
    await writeFile(join(bare.XDG_CONFIG_HOME ?? "", "luml-placeholder"), "").catch(() => {});
    const { mkdir } = await import("node:fs/promises");
    await mkdir(join(bare.XDG_CONFIG_HOME ?? "", "luml"), { recursive: true });
    await writeFile(join(bare.XDG_CONFIG_HOME ?? "", "luml", "config.json"), await readFile(file));
    const fromDefault = await luml(["whoami", "--json"], {
      env: { ...bare, LUML_ORBIT: "S3 Orbit" },
    });
    expect(fromDefault.code, fromDefault.stderr).toBe(0);
    expect(JSON.parse(fromDefault.stdout)).toMatchObject({
      orbit: { id: server.seeded.orbits.s3.id },
      collection: { id: server.seeded.collections.s3.id },
    });
  });

  it("a bad config file: exit 3 naming the problem", async () => {
    const file = join(folder, "bad-config.json");
    await writeFile(file, JSON.stringify({ apikey: "x" }));
    const run = await luml(["orgs", "--config", file], { env });
    expect(run.code, run.stderr).toBe(3);
    expect(expectOneErrorLine(run.stderr)).toMatch(/unknown key "apikey"/);
    const missing = await luml(["orgs", "--config", join(folder, "nope.json")], { env });
    expect(missing.code, missing.stderr).toBe(3);
  });

  it("a config file that is not JSON: exit 3, where it breaks, and none of its text", async () => {
    const file = join(folder, "broken-config.json");
    await writeFile(file, '{"apiKey": dfs_TOPSECRETKEY123}');
    const run = await luml(["orgs", "--config", file], { env: await cleanEnvironment() });
    expect(run.code, run.stderr).toBe(3);
    expect(expectOneErrorLine(run.stderr)).toBe(
      `luml: The config file ${file} is not valid JSON: unexpected character at line 1, column 12.`,
    );

    await writeFile(file, '{\n  "apiKey": "dfs_TOPSECRETKEY123",\n  "orbit": S3 Orbit\n}\n');
    const later = await luml(["orgs", "--config", file], { env: await cleanEnvironment() });
    expect(later.code, later.stderr).toBe(3);
    expect(expectOneErrorLine(later.stderr)).toMatch(
      /unexpected character at line 3, column 12\.$/,
    );
    expect(later.stderr).not.toMatch(/TOPSEC|S3 Orbit/);

    await writeFile(file, '{"apiKey": "dfs_TOPSECRETKEY123"');
    const cut = await luml(["orgs", "--config", file], { env: await cleanEnvironment() });
    expect(cut.code, cut.stderr).toBe(3);
    expect(expectOneErrorLine(cut.stderr)).toMatch(/it ends too early at line 1, column 33\.$/);
    expect(cut.stderr).not.toContain("TOPSEC");
  });

  it("an unknown organization: exit 5, listing the ones there are", async () => {
    const run = await luml(["orbits", "--org", "Nope Inc"], { env });
    expect(run.code, run.stderr).toBe(5);
    expect(expectOneErrorLine(run.stderr)).toMatch(/Demo Org/);
  });

  it("ls with no orbit chosen where there are several: exit 3, naming the flag and the orbits", async () => {
    const run = await luml(["ls"], { env: { ...env, LUML_ORBIT: "", LUML_COLLECTION: "" } });
    expect(run.code, run.stderr).toBe(3);
    expect(expectOneErrorLine(run.stderr)).toMatch(
      /^luml: No orbit chosen: pass --orbit or set LUML_ORBIT \(id or name\)\. Available: .*"S3 Orbit".*"Azure Orbit"/,
    );
  });

  it("an orbit chosen without its organization: exit 3, naming the flag and the variable", async () => {
    const run = await luml(["whoami"], { env: { ...env, LUML_ORGANIZATION: "" } });
    expect(run.code, run.stderr).toBe(3);
    expect(expectOneErrorLine(run.stderr)).toBe(
      "luml: Choosing an orbit needs an organization too: pass --org or set LUML_ORGANIZATION (id or name).",
    );
  });

  it("several organizations and none chosen: exit 3", async () => {
    const run = await luml(["orbits"], { env: { ...env, LUML_ORGANIZATION: "" } });
    expect(run.code, run.stderr).toBe(3);
    expect(expectOneErrorLine(run.stderr)).toMatch(/pass --org or set LUML_ORGANIZATION/);
  });
});

describe("browsing", () => {
  it("whoami: the API, the key's source and the defaults, never the key", async () => {
    const run = await luml(["whoami"], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^API\s+http:\/\/127\.0\.0\.1:\d+$/m);
    expect(run.stdout).toMatch(/^API key\s+valid \(from LUML_API_KEY\)$/m);
    expect(run.stdout).toMatch(/^Collection\s+Models\s+[0-9a-f-]{36}$/m);
    expect(run.stdout).not.toContain(server.apiKey);
    expect(run.stdout).not.toContain("\x1b[");
  });

  it.skipIf(!existsSync("/usr/bin/script"))(
    "on a terminal the headings are bold, unless NO_COLOR is set",
    async () => {
      // `script` gives the command a pseudo-terminal for stdout.
      const inTerminal = (extra: NodeJS.ProcessEnv) =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(
            "/usr/bin/script",
            [
              "-qec",
              `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} orgs`,
              "/dev/null",
            ],
            { env: { ...env, TERM: "xterm", ...extra }, stdio: ["ignore", "pipe", "inherit"] },
          );
          let output = "";
          child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
            output += chunk;
          });
          child.on("error", reject);
          child.on("close", () => resolve(output));
        });
      const styled = await inTerminal({});
      expect(styled.startsWith("\x1b[1mNAME")).toBe(true);
      expect(styled).toMatch(/NAME\s+ROLE\s+CREATED\s+ID/);
      const plain = await inTerminal({ NO_COLOR: "1" });
      expect(plain).toMatch(/^NAME\s+ROLE/);
      expect(plain).not.toContain("\x1b[");
    },
  );

  it("orgs, orbits and collections as tables and as JSON", async () => {
    const orgs = await luml(["orgs"], { env });
    expect(orgs.code, orgs.stderr).toBe(0);
    expect(orgs.stdout.split("\n")[0]).toMatch(/^NAME\s+ROLE\s+CREATED\s+ID$/);
    expect(orgs.stdout).toContain("Research Lab");
    const orgsJson = JSON.parse((await luml(["orgs", "--json"], { env })).stdout);
    expect(orgsJson.map((o: { name: string }) => o.name).sort()).toEqual([
      "Demo Org",
      "Research Lab",
    ]);

    const orbits = JSON.parse((await luml(["orbits", "--json"], { env })).stdout);
    expect(orbits.map((o: { name: string }) => o.name).sort()).toEqual(["Azure Orbit", "S3 Orbit"]);

    const collections = await luml(["collections"], { env });
    expect(collections.code, collections.stderr).toBe(0);
    expect(collections.stdout).toMatch(/^Models\s+mixed\s+\d+/m);
    const none = await luml(["collections", "--search", "zzz", "--json"], { env });
    expect(JSON.parse(none.stdout)).toEqual([]);
  });
});

describe("artifacts", () => {
  it("upload: name, description, repeatable tags, a progress bar on stderr, the record on stdout", async () => {
    const run = await luml(
      [
        "upload",
        join(folder, "churn-low.fnnx"),
        "--description",
        "first try",
        "--tag",
        "churn",
        "--tag",
        "baseline",
      ],
      { env },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^Uploaded churn-low\.fnnx \(.*\) as [0-9a-f-]{36}\s+F1=0\.71 accuracy=0\.93\n$/,
    );
    // Not a terminal: a few plain progress lines per phase, ending at 100%.
    expect(run.stderr).toMatch(/^hashing\s+\[=+\] 100%/m);
    expect(run.stderr).toMatch(/^uploading\s+\[=+\] 100%/m);
    expect(run.stderr).not.toContain("\r");
    // Hashing 4 KiB takes a fraction of a second, and says so ("in 2ms", not "in 1s").
    expect(run.stderr).toMatch(/^hashing\s+\[=+\] 100% .* {2}in \d{1,3}ms$/m);

    const json = await luml(
      [
        "upload",
        join(folder, "churn-high.fnnx"),
        "--name",
        "churn-high",
        "-t",
        "churn",
        "--json",
        "--no-progress",
      ],
      { env },
    );
    expect(json.code, json.stderr).toBe(0);
    expect(json.stderr).toBe("");
    expect(JSON.parse(json.stdout)).toMatchObject({
      name: "churn-high",
      status: "uploaded",
      tags: ["churn"],
      file_hash: hashes.high,
      extra_values: { F1: 0.92, accuracy: 0.81 },
    });
    const mid = await luml(["upload", join(folder, "churn-mid.fnnx"), "--name", "churn-mid"], {
      env,
    });
    expect(mid.code, mid.stderr).toBe(0);

    const records = await listRecords(server);
    expect(records.find((r) => r.name === "churn-low.fnnx")).toMatchObject({
      status: "uploaded",
      tags: ["churn", "baseline"],
      description: "first try",
    });
  });

  it("upload of a missing file: exit 5; of a file that is not an artifact: exit 1", async () => {
    const missing = await luml(["upload", join(folder, "nope.fnnx")], { env });
    expect(missing.code, missing.stderr).toBe(5);
    expectOneErrorLine(missing.stderr);
    const text = join(folder, "notes.fnnx");
    await writeFile(text, "not a tar archive at all".repeat(100));
    const bad = await luml(["upload", text], { env });
    expect(bad.code, bad.stderr).toBe(1);
    expectOneErrorLine(bad.stderr);
  });

  it("upload of a file whose name cannot be an artifact's: exit 1, saying to rename it, before any request", async () => {
    const badName = join(folder, "churn:v2.fnnx");
    await writeModel(badName, { F1: 0.5 });
    const run = await luml(["upload", badName, "--debug"], { env });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr.split("\n")[0]).toBe(
      `luml: "churn:v2.fnnx" cannot be an artifact file name: it must be a name, a dot and an extension, without whitespace in the extension nor any of : " * \` ~ # % ; ' ^. Rename the file.`,
    );
    expect(run.stderr).not.toMatch(/^luml: (GET|POST|PATCH|PUT|DELETE) /m);
  });

  it("ls sorts by a metric, either way, as an aligned table", async () => {
    const run = await luml(["ls", "--sort", "F1"], { env });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+TYPE\s+SIZE\s+CREATED\s+F1\s+accuracy\s+ID$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual([
      "churn-high",
      "churn-mid",
      "churn-low.fnnx",
    ]);
    // Aligned: every row has its ID where the heading's ID starts.
    const idColumn = lines[0]?.indexOf("ID") ?? -1;
    for (const line of lines.slice(1)) expect(line.slice(idColumn)).toMatch(/^[0-9a-f-]{36}$/);
    expect(run.stdout).not.toContain("\x1b[");

    const ascending = JSON.parse(
      (await luml(["ls", "--sort", "F1", "--asc", "--json"], { env })).stdout,
    );
    expect(ascending.map((a: { extra_values: { F1: number } }) => a.extra_values.F1)).toEqual([
      0.71, 0.85, 0.92,
    ]);
    const byAccuracy = JSON.parse(
      (await luml(["ls", "--sort", "accuracy", "--order", "desc", "--json"], { env })).stdout,
    );
    expect(byAccuracy[0].name).toBe("churn-low.fnnx");
    const byName = JSON.parse(
      (await luml(["ls", "--sort", "name", "--asc", "--json"], { env })).stdout,
    );
    expect(byName.map((a: { name: string }) => a.name)).toEqual([
      "churn-high",
      "churn-low.fnnx",
      "churn-mid",
    ]);
  });

  it("ls --limit, --search and --type", async () => {
    const top = JSON.parse(
      (await luml(["ls", "--sort", "F1", "-n", "2", "--json"], { env })).stdout,
    );
    expect(top.map((a: { name: string }) => a.name)).toEqual(["churn-high", "churn-mid"]);
    const search = JSON.parse((await luml(["ls", "--search", "MID", "--json"], { env })).stdout);
    expect(search.map((a: { name: string }) => a.name)).toEqual(["churn-mid"]);
    const models = JSON.parse((await luml(["ls", "--type", "model", "--json"], { env })).stdout);
    expect(models).toHaveLength(3);
    const datasets = await luml(["ls", "--type", "dataset"], { env });
    expect(datasets).toMatchObject({ code: 0, stdout: "" });
    expect(datasets.stderr).toContain("No artifacts");
  });

  it("ls by a key that is neither a column nor a metric: exit 1 naming the ones there are", async () => {
    const run = await luml(["ls", "--sort", "recall"], { env });
    expect(run.code, run.stderr).toBe(1);
    expect(expectOneErrorLine(run.stderr)).toMatch(/recall.*F1/);
  });

  it("get by name, id or file name; a missing one is exit 5", async () => {
    const byName = await luml(["get", "churn-high"], { env });
    expect(byName.code, byName.stderr).toBe(0);
    expect(byName.stdout).toMatch(/^Status\s+uploaded$/m);
    expect(byName.stdout).toMatch(new RegExp(`^SHA-256\\s+${hashes.high}$`, "m"));
    expect(byName.stdout).toMatch(/^ {2}F1\s+0\.92$/m);
    // Fields without a value (no tags, no description; the Metrics heading) end at their label.
    const untagged = await luml(["get", "churn-mid"], { env });
    expect(untagged.stdout).toMatch(/^Tags$/m);
    expect(untagged.stdout).toMatch(/^Description$/m);
    expect(untagged.stdout).toMatch(/^Metrics$/m);
    expect(untagged.stdout).not.toMatch(/ $/m);
    const record = JSON.parse((await luml(["get", "churn-high.fnnx", "--json"], { env })).stdout);
    const byId = JSON.parse((await luml(["get", record.id, "--json"], { env })).stdout);
    expect(byId).toMatchObject({ id: record.id, name: "churn-high", file_hash: hashes.high });
    const missing = await luml(["get", "churn-nope"], { env });
    expect(missing.code, missing.stderr).toBe(5);
    expect(expectOneErrorLine(missing.stderr)).toContain('"churn-nope"');
  });

  it("download into a folder or to a file, verified", async () => {
    const out = await mkdtemp(join(tmpdir(), "luml-cli-download-"));
    try {
      const intoFolder = await luml(["download", "churn-high", "-o", `${out}/models/`], { env });
      expect(intoFolder.code, intoFolder.stderr).toBe(0);
      const saved = join(out, "models", "churn-high.fnnx");
      const kibibytes = ((await stat(saved)).size / 1024).toPrecision(3);
      expect(intoFolder.stdout).toBe(`Saved ${saved} (${kibibytes} KiB, sha256 verified)\n`);
      expect(sha256(await readFile(saved))).toBe(hashes.high);
      expect(intoFolder.stderr).toMatch(/^downloading\s+\[=+\] 100%/m);

      const toFile = await luml(
        ["download", "churn-mid", "--output", join(out, "best.fnnx"), "--json", "--no-progress"],
        { env },
      );
      expect(toFile.code, toFile.stderr).toBe(0);
      expect(JSON.parse(toFile.stdout)).toMatchObject({
        name: "churn-mid",
        path: join(out, "best.fnnx"),
        verified: true,
        file_hash: hashes.mid,
      });
      expect(sha256(await readFile(join(out, "best.fnnx")))).toBe(hashes.mid);

      // The current folder by default; no partial files anywhere.
      const here = await luml(["download", "churn-low.fnnx", "--no-progress"], { env, cwd: out });
      expect(here.code, here.stderr).toBe(0);
      expect(sha256(await readFile(join(out, "churn-low.fnnx")))).toBe(hashes.low);
      expect((await readdir(out)).filter((name) => name.endsWith(".part"))).toEqual([]);

      const missing = await luml(["download", "nope", "-o", out], { env });
      expect(missing.code, missing.stderr).toBe(5);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it("download to stdout (-o -), a named pipe or a device streams the bytes through", async () => {
    const out = await mkdtemp(join(tmpdir(), "luml-cli-stream-"));
    try {
      // stdout: the bytes, and only them; the result line on stderr.
      const child = startLuml(["download", "churn-high", "-o", "-", "--no-progress"], { env });
      const chunks: Buffer[] = [];
      child.stdout?.on("data", (chunk: Buffer) => chunks.push(chunk));
      let stderr = "";
      child.stderr?.setEncoding("utf8").on("data", (text: string) => {
        stderr += text;
      });
      const [code] = await once(child, "close");
      expect(code, stderr).toBe(0);
      expect(sha256(Buffer.concat(chunks))).toBe(hashes.high);
      expect(stderr).toMatch(/^Wrote .* to stdout, sha256 verified\n$/);

      // A named pipe is written into, not replaced by a file.
      const pipe = join(out, "pipe");
      execFileSync("mkfifo", [pipe]);
      const read = readFile(pipe);
      const toPipe = await luml(["download", "churn-mid", "-o", pipe, "--json", "--no-progress"], {
        env,
      });
      expect(toPipe.code, toPipe.stderr).toBe(0);
      expect(sha256(await read)).toBe(hashes.mid);
      expect((await lstat(pipe)).isFIFO()).toBe(true);
      expect(JSON.parse(toPipe.stderr)).toMatchObject({ path: null, verified: true });
      expect(toPipe.stdout).toBe("");

      // A character device, made here as /dev/null is (that takes root).
      const device = join(out, "device");
      try {
        execFileSync("mknod", [device, "c", "1", "3"], { stdio: "ignore" });
      } catch {
        return;
      }
      const toDevice = await luml(["download", "churn-low.fnnx", "-o", device, "--no-progress"], {
        env,
      });
      expect(toDevice.code, toDevice.stderr).toBe(0);
      expect((await lstat(device)).isCharacterDevice()).toBe(true);
      expect((await readdir(out)).sort()).toEqual(["device", "pipe"]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it.each([[["--help"]], [["ls"]], [["download", "churn-high", "-o", "-", "--no-progress"]]])(
    "%j to a reader that has gone (| head): exit 141, nothing on stderr",
    async (args) => {
      const child = startLuml(args, { env });
      // The read end closes before `luml` writes a byte, as `head` does once it has its lines.
      child.stdout?.destroy();
      const run = await finished(child);
      expect(run).toMatchObject({ code: 141, signal: null, stderr: "" });
    },
  );

  it("download -o /dev/stdout with stdout appended to a log writes into the log, keeping it", async () => {
    const out = await mkdtemp(join(tmpdir(), "luml-cli-stdout-log-"));
    try {
      const log = join(out, "build.log");
      await writeFile(log, "earlier line\n");
      const quoted = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
      const download = [process.execPath, bin, "download", "churn-low.fnnx"]
        .concat(["-o", "/dev/stdout", "--no-progress"])
        .map(quoted)
        .join(" ");
      // What a CI step does: every command of the step appends to one log.
      const script = `{ echo step1; ${download}; echo step3; } >> ${quoted(log)} 2>&1`;
      const child = spawn("sh", ["-c", script], { env, stdio: "ignore" });
      const [code] = await once(child, "close");
      expect(code).toBe(0);
      const written = await readFile(log);
      const size = (await stat(join(folder, "churn-low.fnnx"))).size;
      const head = "earlier line\nstep1\n".length;
      expect(written.subarray(0, head).toString()).toBe("earlier line\nstep1\n");
      expect(sha256(written.subarray(head, head + size))).toBe(hashes.low);
      expect(written.subarray(head + size).toString()).toMatch(
        /^Wrote .* to \/dev\/stdout, sha256 verified\nstep3\n$/,
      );
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it.each([
    ["the object is corrupted: exit 1", { corrupt: true }, /sha256|integrity|hash/i],
    [
      "storage refuses the link (expired): exit 1 naming storage, not the key's exit 4",
      { status: 403 },
      /^luml: Storage answered 403 \(no details\) to GET http:\/\/127\.0\.0\.1:\d+\/\S+$/,
    ],
  ] as const)("download when %s, nothing saved", async (_what, action, message) => {
    const out = await mkdtemp(join(tmpdir(), "luml-cli-download-fault-"));
    try {
      await server.faults.add({
        target: "s3",
        method: "GET",
        path: "churn-mid",
        times: 10,
        action,
      });
      const target = join(out, "m.fnnx");
      const run = await luml(["download", "churn-mid", "-o", target, "--no-progress"], { env });
      expect(run.code, run.stderr).toBe(1);
      expect(expectOneErrorLine(run.stderr)).toMatch(message);
      expect(await readdir(out)).toEqual([]);
    } finally {
      server.faults.clear();
      await rm(out, { recursive: true, force: true });
    }
  });

  it("update: name, description, tags set, added and removed", async () => {
    const renamed = await luml(
      [
        "update",
        "churn-mid",
        "--name",
        "churn-candidate",
        "--description",
        "next release",
        "--json",
      ],
      { env },
    );
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(JSON.parse(renamed.stdout)).toMatchObject({
      name: "churn-candidate",
      description: "next release",
    });
    const tagged = await luml(
      [
        "update",
        "churn-candidate",
        "--add-tag",
        "prod",
        "--add-tag",
        "v2",
        "--remove-tag",
        "churn",
      ],
      { env },
    );
    expect(tagged.code, tagged.stderr).toBe(0);
    expect(tagged.stdout).toMatch(/^Tags\s+prod, v2$/m);
    // The collection by name, as `get` shows it.
    expect(tagged.stdout).toMatch(/^Collection\s+Models$/m);
    const set = await luml(["update", "churn-candidate", "-t", "only", "--json"], { env });
    expect(JSON.parse(set.stdout).tags).toEqual(["only"]);
    const missing = await luml(["update", "nope", "--name", "x"], { env });
    expect(missing.code, missing.stderr).toBe(5);
    const cleared = await luml(["update", "churn-candidate", "--description", "", "--json"], {
      env,
    });
    expect(JSON.parse(cleared.stdout).description).toBeNull();
    const restored = await luml(["update", "churn-candidate", "--description", "next release"], {
      env,
    });
    expect(restored.code, restored.stderr).toBe(0);
  });

  it("an empty --tag, or --asc with --order: exit 2 before any request", async () => {
    for (const args of [
      ["update", "churn-candidate", "--tag", ""],
      ["update", "churn-candidate", "--add-tag", " "],
      ["upload", join(folder, "churn-mid.fnnx"), "-t", ""],
      ["ls", "--asc", "--order", "desc"],
    ]) {
      const run = await luml([...args, "--debug"], { env });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(
        /A tag cannot be empty|'--asc' cannot be used with option '--order/,
      );
      expect(run.stderr).not.toMatch(/^luml: (GET|POST|PATCH|PUT|DELETE) /m);
    }
  });

  it("update or upload with an empty --name: exit 2 before any request", async () => {
    for (const args of [
      ["update", "churn-candidate", "--name", ""],
      ["update", "churn-candidate", "--name", "  ", "--description", "kept"],
      ["upload", join(folder, "churn-mid.fnnx"), "--name", " \t"],
    ]) {
      const run = await luml([...args, "--debug"], { env });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^luml: --name cannot be empty/);
      // --debug logs each request: there were none.
      expect(run.stderr).not.toMatch(/^luml: (GET|POST|PATCH|PUT|DELETE) /m);
    }
    const record = (await listRecords(server)).find((r) => r.name === "churn-candidate");
    expect(record).toMatchObject({ description: "next release" });
  });

  it("download -o '' is a usage error: exit 2 before any request", async () => {
    const run = await luml(["download", "churn-high", "-o", "", "--debug"], { env });
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr.split("\n")[0]).toBe(
      "luml: -o cannot be empty: give a file, a folder, or - for stdout.",
    );
    // --debug logs each request: there were none.
    expect(run.stderr).not.toMatch(/^luml: (GET|POST|PATCH|PUT|DELETE) /m);
  });

  it("rm runs the delete protocol: the stored file and the record go", async () => {
    const before = await listRecords(server);
    const target = before.find((r) => r.name === "churn-low.fnnx");
    expect(target).toBeDefined();
    const { organization, orbits, collections } = server.seeded;
    const downloadUrl = await fetch(
      `${server.baseUrl}/v1/organizations/${organization.id}/orbits/${orbits.s3.id}/collections/${collections.s3.id}/artifacts/${target?.id}/download-url`,
      { headers: { Authorization: `Bearer ${server.apiKey}` } },
    );
    const { url } = (await downloadUrl.json()) as { url: string };
    expect((await fetch(url)).status).toBe(200);
    const run = await luml(["rm", "churn-low.fnnx"], { env });
    expect(run.code, run.stderr).toBe(0);
    // The stored object is gone too, not only the record.
    expect((await fetch(url)).status).toBe(404);
    expect(run.stdout).toBe(`Deleted churn-low.fnnx (${target?.id})\n`);
    expect((await listRecords(server)).map((r) => r.id)).not.toContain(target?.id);
    expect((await luml(["get", target?.id ?? ""], { env })).code).toBe(5);
    const missing = await luml(["rm", "churn-low.fnnx"], { env });
    expect(missing.code, missing.stderr).toBe(5);
  });

  it("rm refused by storage: exit 1, saying the record is deletion_failed and how to remove it", async () => {
    const file = join(folder, "stuck.fnnx");
    await writeModel(file, { F1: 0.4 });
    expect((await luml(["upload", file, "--name", "stuck", "--no-progress"], { env })).code).toBe(
      0,
    );
    const id = (await listRecords(server)).find((r) => r.name === "stuck")?.id;
    await server.faults.add({
      target: "s3",
      method: "DELETE",
      path: ".",
      times: 10,
      action: { status: 403 },
    });
    try {
      const run = await luml(["rm", "stuck"], { env });
      expect(run.code, run.stderr).toBe(1);
      expect(expectOneErrorLine(run.stderr)).toMatch(
        new RegExp(
          `^luml: Storage answered 403 .* to DELETE http://\\S+\\. The record ${id} is deletion_failed; luml rm --force removes it \\(the stored file may stay\\)\\.$`,
        ),
      );
    } finally {
      server.faults.clear();
    }
    expect((await luml(["rm", "stuck", "--force"], { env })).code).toBe(0);
  });

  it("rm of several finds every name first: one not found and nothing is deleted", async () => {
    for (const name of ["rm-first", "rm-second"]) {
      const file = join(folder, `${name}.fnnx`);
      await writeModel(file, { F1: 0.1 });
      const upload = await luml(["upload", file, "--name", name, "--no-progress"], { env });
      expect(upload.code, upload.stderr).toBe(0);
    }
    const names = async () => (await listRecords(server)).map((r) => r.name);

    const lastMissing = await luml(["rm", "rm-first", "rm-nosuch"], { env });
    expect(lastMissing.code, lastMissing.stderr).toBe(5);
    expect(lastMissing.stdout).toBe("");
    expect(expectOneErrorLine(lastMissing.stderr)).toBe(
      'luml: No artifact named "rm-nosuch" (nor with that id or file name) in this collection. Nothing was deleted.',
    );
    expect(await names()).toEqual(expect.arrayContaining(["rm-first", "rm-second"]));

    const twoMissing = await luml(["rm", "rm-nosuch", "rm-first", "rm-gone"], { env });
    expect(twoMissing.code, twoMissing.stderr).toBe(5);
    expect(expectOneErrorLine(twoMissing.stderr)).toMatch(
      /^luml: No artifacts named "rm-nosuch", "rm-gone" .*\. Nothing was deleted\.$/,
    );
    expect(await names()).toEqual(expect.arrayContaining(["rm-first", "rm-second"]));

    // Every name found: each is deleted once, even when named twice.
    const both = await luml(["rm", "rm-first", "rm-second", "rm-first.fnnx"], { env });
    expect(both.code, both.stderr).toBe(0);
    expect(both.stdout).toMatch(/^Deleted rm-first \(.*\)\nDeleted rm-second \(.*\)\n$/);
    const left = await names();
    expect(left).not.toContain("rm-first");
    expect(left).not.toContain("rm-second");
  });

  it("rm of an artifact in use by a deployment: exit 1, the record stays", async () => {
    const record = (await listRecords(server)).find((r) => r.name === "churn-high");
    const used = await fetch(`${server.baseUrl}/_dev/artifacts/${record?.id}/deployments`, {
      method: "POST",
      headers: { Authorization: `Bearer ${server.apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "prod" }),
    });
    expect(used.ok).toBe(true);
    const run = await luml(["rm", "churn-high"], { env });
    expect(run.code, run.stderr).toBe(1);
    expect(expectOneErrorLine(run.stderr)).toMatch(/409|deployment|used/i);
    expect((await listRecords(server)).map((r) => r.id)).toContain(record?.id);
  });
});

describe("interruptions and cleanup", () => {
  it("Ctrl-C during an upload: exit 130, and the record is upload_failed", async () => {
    const file = join(folder, "interrupted.fnnx");
    await writeModel(file, { F1: 0.5 }, 2 * 1024 * 1024);
    // The storage stops reading: the upload hangs until the person gives up.
    const rule = await server.faults.add({
      target: "s3",
      method: "PUT",
      path: "interrupted",
      action: { stall: "request" },
    });
    try {
      const child = startLuml(["upload", file, "--name", "interrupted"], { env });
      const run = finished(child);
      await untilFired(rule, run);
      expect((await listRecords(server)).find((r) => r.name === "interrupted")?.status).toBe(
        "pending_upload",
      );
      child.kill("SIGINT");
      const { code, signal, stdout, stderr } = await run;
      expect({ code, signal }).toEqual({ code: 130, signal: null });
      expect(stdout).toBe("");
      expect(stderr.trimEnd().split("\n").at(-1)).toBe(
        "luml: interrupted (SIGINT): the upload of interrupted.fnnx was stopped and its record was marked upload_failed",
      );
      expect((await listRecords(server)).find((r) => r.name === "interrupted")?.status).toBe(
        "upload_failed",
      );
    } finally {
      server.faults.clear();
    }
  });

  it("Ctrl-C during an upload while the API is down: exit 130, saying the record is left pending_upload", async () => {
    const file = join(folder, "stranded.fnnx");
    await writeModel(file, { F1: 0.5 }, 2 * 1024 * 1024);
    const stall = await server.faults.add({
      target: "s3",
      method: "PUT",
      path: "stranded",
      action: { stall: "request" },
    });
    await server.faults.add({
      target: "api",
      method: "PATCH",
      path: "/artifacts/",
      times: 100,
      action: { status: 503 },
    });
    try {
      const child = startLuml(["upload", file, "--name", "stranded"], { env });
      const run = finished(child);
      await untilFired(stall, run);
      child.kill("SIGINT");
      const { code, signal, stdout, stderr } = await run;
      expect({ code, signal }).toEqual({ code: 130, signal: null });
      expect(stdout).toBe("");
      const id = (await listRecords(server)).find((r) => r.name === "stranded")?.id;
      expect(stderr.trimEnd().split("\n").at(-1)).toBe(
        `luml: interrupted (SIGINT): the upload of stranded.fnnx was stopped, but its record ${id} could not be marked upload_failed and is left pending_upload (see luml cleanup --pending)`,
      );
      expect((await listRecords(server)).find((r) => r.name === "stranded")?.status).toBe(
        "pending_upload",
      );
    } finally {
      server.faults.clear();
    }
  }, 60_000);

  it("Ctrl-C while the file is hashed: exit 130, and it says no record was created", async () => {
    const file = join(folder, "hashed.fnnx");
    // A gibibyte takes a second or two to hash: time for Ctrl-C at a quarter of it.
    await writeSparseModel(file, 1024 ** 3);
    const child = startLuml(["upload", file, "--name", "hashed"], { env });
    let printed = "";
    child.stderr?.on("data", (chunk: string) => {
      printed += chunk;
    });
    const run = finished(child);
    let ended: Run | undefined;
    void run.then((result) => {
      ended = result;
    });
    await waitFor(async () => {
      if (ended) throw new Error(`luml ended before the hashing: ${JSON.stringify(ended)}`);
      // Off a terminal the bar prints a line at each quarter of a phase.
      return /^hashing .* 25%/m.test(printed);
    }, "the hashing to reach a quarter");
    child.kill("SIGINT");
    const { code, signal, stdout, stderr } = await run;
    expect({ code, signal }).toEqual({ code: 130, signal: null });
    expect(stdout).toBe("");
    // Still hashing when stopped: no line for the end of the hashing, none for sending.
    expect(stderr).not.toMatch(/^hashing .* 100%|^uploading/m);
    expect(stderr.trimEnd().split("\n").at(-1)).toBe(
      "luml: interrupted (SIGINT): the upload of hashed.fnnx was stopped before its record was created: nothing was created",
    );
    expect((await listRecords(server)).find((r) => r.name === "hashed")).toBeUndefined();
  });

  it("a second Ctrl-C ends at once, saying the first one's clean-up is left undone", async () => {
    const file = join(folder, "twice.fnnx");
    await writeModel(file, { F1: 0.5 }, 2 * 1024 * 1024);
    const stall = await server.faults.add({
      target: "s3",
      method: "PUT",
      path: "twice",
      action: { stall: "request" },
    });
    // Marking the record upload_failed takes long enough for the second Ctrl-C.
    const patch = await server.faults.add({
      target: "api",
      method: "PATCH",
      path: "/artifacts/",
      action: { delayMs: 20_000 },
    });
    try {
      const child = startLuml(["upload", file, "--name", "twice", "--no-progress"], { env });
      const run = finished(child);
      await untilFired(stall, run);
      child.kill("SIGINT");
      await waitFor(
        async () => server.faults.list().some((f) => f.id === patch && f.matched > 0),
        "the record's status update",
      );
      child.kill("SIGINT");
      const { code, signal, stderr } = await run;
      expect({ code, signal }).toEqual({ code: 130, signal: null });
      expect(stderr.trimEnd().split("\n").at(-1)).toBe(
        "luml: stopped at once (second SIGINT): what the first was finishing is left undone; a record left pending_upload is marked upload_failed by luml cleanup --pending once it is an hour old (--older-than sets the age)",
      );
    } finally {
      server.faults.clear();
    }
  });

  it("SIGTERM during an upload: exit 143, and the record is upload_failed", async () => {
    const file = join(folder, "terminated.fnnx");
    await writeModel(file, { F1: 0.5 }, 1024 * 1024);
    const rule = await server.faults.add({
      target: "s3",
      method: "PUT",
      path: "terminated",
      action: { stall: "request" },
    });
    try {
      const child = startLuml(["upload", file, "--name", "terminated", "--no-progress"], { env });
      const run = finished(child);
      await untilFired(rule, run);
      child.kill("SIGTERM");
      expect((await run).code).toBe(143);
      expect((await listRecords(server)).find((r) => r.name === "terminated")?.status).toBe(
        "upload_failed",
      );
    } finally {
      server.faults.clear();
    }
  });

  it("Ctrl-C during a download: exit 130, nothing left in the folder", async () => {
    const out = await mkdtemp(join(tmpdir(), "luml-cli-interrupted-download-"));
    const rule = await server.faults.add({
      target: "s3",
      method: "GET",
      path: "churn-high",
      action: { stall: "mid-body" },
    });
    try {
      const child = startLuml(["download", "churn-high", "-o", `${out}/`], { env });
      const run = finished(child);
      await untilFired(rule, run);
      child.kill("SIGINT");
      const { code, stderr } = await run;
      expect(code, stderr).toBe(130);
      expect(stderr.trimEnd().split("\n").at(-1)).toBe("luml: interrupted (SIGINT)");
      expect(await readdir(out)).toEqual([]);
    } finally {
      server.faults.clear();
      await rm(out, { recursive: true, force: true });
    }
  });

  it("cleanup --pending marks what a killed upload left pending_upload, once old enough", async () => {
    const file = join(folder, "killed.fnnx");
    await writeModel(file, { F1: 0.4 }, 1024 * 1024);
    const rule = await server.faults.add({
      target: "s3",
      method: "PUT",
      path: "killed",
      action: { stall: "request" },
    });
    try {
      const child = startLuml(["upload", file, "--name", "killed", "--no-progress"], { env });
      const run = finished(child);
      await untilFired(rule, run);
      child.kill("SIGKILL"); // no chance to mark anything
      expect((await run).signal).toBe("SIGKILL");
    } finally {
      server.faults.clear();
    }
    const killed = (await listRecords(server)).find((r) => r.name === "killed");
    expect(killed?.status).toBe("pending_upload");

    const young = await luml(["cleanup", "--pending", "--older-than", "1h", "--json"], { env });
    expect(young.code, young.stderr).toBe(0);
    expect(JSON.parse(young.stdout)).toEqual([]);
    expect((await listRecords(server)).find((r) => r.id === killed?.id)?.status).toBe(
      "pending_upload",
    );

    const run = await luml(["cleanup", "--pending", "--older-than", "0s"], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^killed\\s+upload_failed\\s+.*${killed?.id}$`, "m"));
    expect((await listRecords(server)).find((r) => r.id === killed?.id)?.status).toBe(
      "upload_failed",
    );

    const forced = await luml(["rm", "--force", "killed", "--json"], { env });
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout)).toEqual([{ id: killed?.id, name: "killed" }]);
    expect((await listRecords(server)).map((r) => r.id)).not.toContain(killed?.id);
  });
});

describe("text from the API, printed for people", () => {
  const name = "evil\u001b[31mRED\nline2\u009b\u007f";
  const shownName = '"evil\\u001b[31mRED\\nline2\\u009b\\u007f"';
  let azure: NodeJS.ProcessEnv;

  beforeAll(() => {
    // Its own collection, so the tables of the other tests keep their rows.
    azure = { ...env, LUML_ORBIT: "Azure Orbit" };
  });

  it("upload, ls, get and update escape control characters; --json keeps them", async () => {
    const file = join(folder, "escapes.fnnx");
    await writeModel(file, { "F1\u001b[2J": 0.5 });
    const upload = await luml(
      [
        "upload",
        file,
        "--name",
        name,
        "--tag",
        "t\u001b[2J",
        "--description",
        "d\u009bx",
        "--no-progress",
      ],
      { env: azure },
    );
    expect(upload.code, upload.stderr).toBe(0);
    expectPrintable(upload.stdout);
    expect(upload.stdout).toMatch(
      /^Uploaded "evil\\u001b\[31mRED\\nline2\\u009b\\u007f" \(.*\) as [0-9a-f-]{36} {2}"F1\\u001b\[2J"=0\.5\n$/,
    );

    const list = await luml(["ls"], { env: azure });
    expect(list.code, list.stderr).toBe(0);
    expectPrintable(list.stdout);
    const [heading = "", row = ""] = list.stdout.trimEnd().split("\n");
    expect(heading).toMatch(/^NAME\s+STATUS\s+TYPE\s+SIZE\s+CREATED\s+"F1\\u001b\[2J"\s+ID$/);
    expect(row.startsWith(`${shownName}  uploaded`)).toBe(true);
    // The widths are those of the escaped text: the ID column lines up.
    expect(row.slice(heading.indexOf("ID"))).toMatch(/^[0-9a-f-]{36}$/);

    const shown = await luml(["get", name], { env: azure });
    expect(shown.code, shown.stderr).toBe(0);
    expectPrintable(shown.stdout);
    expect(shown.stdout).toMatch(fieldLine("Name", shownName));
    expect(shown.stdout).toMatch(fieldLine("Tags", '"t\\u001b[2J"'));
    expect(shown.stdout).toMatch(fieldLine("Description", '"d\\u009bx"'));
    expect(shown.stdout).toMatch(/^ {2}"F1\\u001b\[2J" +0\.5$/m);

    const updated = await luml(["update", name, "--description", "new\u001b]0;title\u0007"], {
      env: azure,
    });
    expect(updated.code, updated.stderr).toBe(0);
    expectPrintable(updated.stdout);
    expect(updated.stdout).toMatch(fieldLine("Description", '"new\\u001b]0;title\\u0007"'));

    // An error quoting what was sent back (the API's 400 names the sort key).
    const refused = await luml(["ls", "--sort", "re\u001b[2Jcall"], { env: azure });
    expect(refused.code, refused.stderr).toBe(1);
    expectPrintable(refused.stderr);
    expect(refused.stderr).toContain("re\\u001b[2Jcall");

    const json = JSON.parse((await luml(["get", name, "--json"], { env: azure })).stdout);
    expect(json).toMatchObject({
      name,
      tags: ["t\u001b[2J"],
      description: "new\u001b]0;title\u0007",
      extra_values: { "F1\u001b[2J": 0.5 },
    });
  });
});

/** Waits until the fault rule has fired: the upload reached the storage and hangs there. */
async function untilFired(rule: string, run: Promise<Run>): Promise<void> {
  let ended: Run | undefined;
  void run.then((result) => {
    ended = result;
  });
  await waitFor(async () => {
    if (ended) throw new Error(`luml ended before the upload stalled: ${JSON.stringify(ended)}`);
    return server.faults.list().some((f) => f.id === rule && f.fired > 0);
  }, "the upload to reach the storage");
}

function sha256(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** A line of `get`'s fields: the label, spaces, then exactly `value`. */
function fieldLine(label: string, value: string): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${literal(label)} +${literal(value)}$`, "m");
}

/** Nothing a terminal would act on: no control character but the newlines ending lines. */
function expectPrintable(text: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
  expect(text.replace(/\n/g, "")).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
}
