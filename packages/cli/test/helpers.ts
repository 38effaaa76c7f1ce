import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DevServer } from "@luml/dev-server";
import { buildTar } from "../../../tests/runtime/suite/tar-archive";

/** The built `luml` command, as a package manager links it. */
export const bin = fileURLToPath(new URL("../bin/luml.js", import.meta.url));
const binDir = fileURLToPath(new URL("../../../node_modules/.bin/", import.meta.url));

/** How to start the command: Node (default), Bun, or Deno. */
export type Runtime = "node" | "bun" | "deno";

/** The command and arguments that run `luml` in a runtime. */
export function commandLine(runtime: Runtime, args: readonly string[]): [string, string[]] {
  if (runtime === "bun") return [join(binDir, "bun"), [bin, ...args]];
  if (runtime === "deno") {
    // The permissions the README documents, no more.
    const allow = ["--allow-env", "--allow-net", "--allow-read", "--allow-write"];
    return [join(binDir, "deno"), ["run", ...allow, bin, ...args]];
  }
  return [process.execPath, [bin, ...args]];
}

/** What a finished `luml` run printed and exited with. */
export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const homes: string[] = [];

/** Removes the HOME folders `cleanEnvironment` made. */
export async function removeHomes(): Promise<void> {
  await Promise.all(homes.splice(0).map((home) => rm(home, { recursive: true, force: true })));
}

/**
 * An environment with nothing of this machine's LUML settings: a private HOME
 * and config folder, and only the variables given.
 */
export async function cleanEnvironment(
  variables: Record<string, string | undefined> = {},
): Promise<NodeJS.ProcessEnv> {
  const home = await mkdtemp(join(tmpdir(), "luml-cli-home-"));
  homes.push(home);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    DENO_DIR: process.env.DENO_DIR,
  };
  for (const [key, value] of Object.entries(variables)) if (value !== undefined) env[key] = value;
  return env;
}

/** The environment that points `luml` at the dev server's S3 collection. */
export function serverVariables(server: Pick<DevServer, "baseUrl" | "apiKey">) {
  return {
    LUML_BASE_URL: server.baseUrl,
    LUML_API_KEY: server.apiKey,
    LUML_ORGANIZATION: "Demo Org",
    LUML_ORBIT: "S3 Orbit",
    LUML_COLLECTION: "Models",
  };
}

/** Starts `luml args…` as a child process; its stdout is a pipe unless `stdout` gives a descriptor. */
export function startLuml(
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; runtime?: Runtime; stdout?: number },
): ChildProcess {
  const [command, commandArgs] = commandLine(options.runtime ?? "node", args);
  return spawn(command, commandArgs, {
    env: options.env,
    cwd: options.cwd,
    stdio: ["ignore", options.stdout ?? "pipe", "pipe"],
  });
}

/** Runs `luml args…` to its end. */
export async function luml(
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; runtime?: Runtime },
): Promise<Run> {
  return finished(startLuml(args, options));
}

/** Waits for a started child and collects what it printed. */
export async function finished(child: ChildProcess): Promise<Run> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const [code, signal] =
    child.exitCode !== null || child.signalCode !== null
      ? [child.exitCode, child.signalCode]
      : ((await once(child, "close")) as [number | null, NodeJS.Signals | null]);
  return { code, signal, stdout, stderr };
}

/** A model artifact (LUML-artifact form) with `F1` and `accuracy` metrics and `size` random bytes. */
export async function writeModel(
  path: string,
  metrics: Record<string, number>,
  size = 4096,
): Promise<string> {
  const manifest = {
    artifact_type: "model",
    variant: "pipeline",
    name: "cli-test-model",
    version: "1.0.0",
    producer_name: "luml-cli-tests",
    producer_version: "0.0.0",
    producer_tags: [],
    payload: {},
  };
  const meta = [{ producer_tags: ["dataforce.studio::registry_metrics:v1"], payload: { metrics } }];
  const data = buildTar([
    { name: "manifest.json", data: Buffer.from(JSON.stringify(manifest)) },
    { name: "meta.json", data: Buffer.from(JSON.stringify(meta)) },
    { name: "weights.bin", data: randomBytes(size) },
  ]);
  await writeFile(path, data);
  return createHash("sha256").update(data).digest("hex");
}

/**
 * A model artifact like `writeModel`'s whose last member, `weights.bin`, is `size`
 * zero bytes left as a hole in the file: gigabytes that take seconds to hash
 * cost neither memory nor disk.
 */
export async function writeSparseModel(path: string, size: number): Promise<void> {
  await writeModel(path, { F1: 0.5 }, 1);
  const tar = await readFile(path);
  // weights.bin's 512-byte header, which starts with its name; its data follows.
  const header = tar.indexOf("weights.bin\0");
  tar.write(`${size.toString(8).padStart(11, "0")}\0`, header + 124, "ascii");
  tar.fill(" ", header + 148, header + 156);
  let sum = 0;
  for (const byte of tar.subarray(header, header + 512)) sum += byte;
  tar.write(`${sum.toString(8).padStart(6, "0")}\0 `, header + 148, "ascii");
  const data = header + 512;
  const file = await open(path, "w");
  try {
    await file.write(tar.subarray(0, data), 0, data, 0);
    // The data, padded to a block, then the two zero blocks that end the archive.
    await file.truncate(data + Math.ceil(size / 512) * 512 + 1024);
  } finally {
    await file.close();
  }
}

/** The S3 collection's artifacts, read straight from the API (not through the CLI). */
export async function listRecords(
  server: DevServer,
): Promise<Array<{ id: string; name: string; status: string; tags: string[] | null }>> {
  const { organization, orbits, collections } = server.seeded;
  const url = `${server.baseUrl}/v1/organizations/${organization.id}/orbits/${orbits.s3.id}/artifacts?limit=100&collection_ids=${collections.s3.id}`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${server.apiKey}` } });
  if (!response.ok) throw new Error(`list artifacts: ${response.status}`);
  return ((await response.json()) as { items: never[] }).items;
}

/** Polls `check` every 50 ms until it holds (or fails after `timeout` ms). */
export async function waitFor(check: () => Promise<boolean>, what: string, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
