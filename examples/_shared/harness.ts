/**
 * What the examples' tests share: sample model files (the demo's model maker), the
 * `LUML_*` environment that points a script at a dev server, and running a script
 * as a real child process. It imports no package (each example brings its own).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeSampleModels, type SampleModel } from "../../apps/sample/src/make-sample-model.ts";

export {
  makeSampleModel,
  makeSampleModels,
  type SampleModel,
} from "../../apps/sample/src/make-sample-model.ts";

/** The repository's root folder. */
export const workspaceRoot = fileURLToPath(new URL("../..", import.meta.url));

/** A workspace tool's binary (`bun`, `deno`, `vite`…) in the root `node_modules/.bin`. */
export function workspaceBin(name: string): string {
  return fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));
}

/** The part of a started dev server the helpers read (`DevServer` from @luml/dev-server). */
export interface DevServerLike {
  baseUrl: string;
  apiKey: string;
  seeded: {
    organization: { id: string; name: string };
    orbits: Record<"s3" | "azure", { id: string; name: string }>;
    collections: Record<"s3" | "azure", { id: string; name: string }>;
  };
}

/** What `LumlClient.create` takes to reach the dev server's seeded collection of `storage`. */
export function seededClientOptions(
  dev: DevServerLike,
  storage: "s3" | "azure" = "s3",
): { apiKey: string; baseUrl: string; organization: string; orbit: string; collection: string } {
  return {
    apiKey: dev.apiKey,
    baseUrl: dev.baseUrl,
    organization: dev.seeded.organization.id,
    orbit: dev.seeded.orbits[storage].id,
    collection: dev.seeded.collections[storage].id,
  };
}

/**
 * The environment a user exports to point a script at this dev server: the
 * API key and base URL the SDK reads, and the names the examples read.
 */
export function lumlEnvironment(
  dev: DevServerLike,
  storage: "s3" | "azure" = "s3",
): Record<string, string> {
  return {
    LUML_BASE_URL: dev.baseUrl,
    LUML_API_KEY: dev.apiKey,
    LUML_ORGANIZATION: dev.seeded.organization.name,
    LUML_ORBIT: dev.seeded.orbits[storage].name,
    LUML_COLLECTION: dev.seeded.collections[storage].name,
  };
}

/** What an example's test runs against: a dev server, a temporary folder, models in it. */
export interface ExampleWorkspace<Server extends DevServerLike & { stop(): Promise<void> }> {
  dev: Server;
  folder: string;
  models: SampleModel[];
}

/**
 * Registers the set-up every example test shares: before the tests, a temporary
 * folder, a dev server started by `startDevServer` (passed in: each example depends
 * on @luml/dev-server, this folder does not) and three sample models; after them,
 * the server stopped and the folder removed. The returned object is filled in
 * before the first test runs.
 */
export function useExampleWorkspace<Server extends DevServerLike & { stop(): Promise<void> }>(
  prefix: string,
  startDevServer: () => Promise<Server>,
): ExampleWorkspace<Server> {
  const workspace = {} as ExampleWorkspace<Server>;
  beforeAll(async () => {
    workspace.folder = await mkdtemp(join(tmpdir(), prefix));
    workspace.dev = await startDevServer();
    workspace.models = await makeSampleModels(join(workspace.folder, "models"), {
      weightsSize: 512 * 1024,
    });
  });
  afterAll(async () => {
    await workspace.dev?.stop();
    if (workspace.folder) await rm(workspace.folder, { recursive: true, force: true });
  });
  return workspace;
}

/** How a child process ended. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end (killed after `timeout` ms) with `env` added to a
 * clean environment: no `LUML_*` variable of the caller's leaks in.
 */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; timeout?: number },
): Promise<RunResult> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("LUML_")),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...inherited, NO_COLOR: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeout ?? 120_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** The lower-case hex sha256 of a file. */
export async function sha256File(path: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(path))
    .digest("hex");
}

/** The part of a LumlClient `expectFlowOutcome` reads. */
export interface ArtifactLister {
  artifacts: {
    list(options: { sortBy: string; order: "asc" | "desc" }): Promise<{
      items: Array<{
        name?: string | null;
        status: string;
        extra_values?: Record<string, unknown> | null;
      }>;
    }>;
  };
}

/**
 * Checks what the Node, Bun and Deno examples must have done with the three sample
 * models: exited 0, printed the listing best F1 first, left exactly the best model
 * in `out` byte for byte, and left three uploaded records with their metrics.
 */
export async function expectFlowOutcome(
  result: RunResult,
  options: { out: string; models: readonly SampleModel[]; luml: ArtifactLister },
): Promise<void> {
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  const listed = [...result.stdout.matchAll(/^ {2}(0\.\d+)\s+(\S+) \(uploaded\)$/gm)];
  expect(listed.map((line) => line[2])).toEqual([
    "churn-boosted.fnnx",
    "churn-tuned.fnnx",
    "churn-baseline.fnnx",
  ]);
  const best = options.models.find((model) => model.name === "churn-boosted");
  expect(await readdir(options.out)).toEqual(["churn-boosted.fnnx"]);
  expect(await sha256File(join(options.out, "churn-boosted.fnnx"))).toBe(best?.sha256);
  expect(result.stdout).toContain(`sha256 ${best?.sha256} verified`);
  const { items } = await options.luml.artifacts.list({ sortBy: "name", order: "asc" });
  expect(items.map((item) => [item.name, item.status, item.extra_values?.F1])).toEqual([
    ["churn-baseline.fnnx", "uploaded", 0.774],
    ["churn-boosted.fnnx", "uploaded", 0.912],
    ["churn-tuned.fnnx", "uploaded", 0.861],
  ]);
}

/**
 * The two tests the Node, Bun and Deno examples share, for the example started as
 * `command ...args` in `cwd`: with the three sample models, it uploads them with
 * progress bars, lists them by F1 and downloads the best, verified (checked through
 * a client `createClient` makes, the example's `LumlClient.create`); with no file,
 * it prints its usage (`usage`) and exits 2.
 */
export function itRunsTheModelFlow<Server extends DevServerLike & { stop(): Promise<void> }>(
  workspace: ExampleWorkspace<Server>,
  options: {
    command: string;
    args: readonly string[];
    cwd: string;
    usage: string;
    createClient: (options: ReturnType<typeof seededClientOptions>) => Promise<ArtifactLister>;
  },
): void {
  it("uploads the files with progress, lists them by F1 and downloads the best, verified", async () => {
    const out = join(workspace.folder, "out");
    const result = await run(
      options.command,
      [
        ...options.args,
        "--metric",
        "F1",
        "--out",
        out,
        ...workspace.models.map((model) => model.path),
      ],
      { cwd: options.cwd, env: lumlEnvironment(workspace.dev) },
    );
    // The progress bar, as it prints when the output is a log.
    expect(result.stderr).toMatch(/^uploading +\[=+\] 100%/m);
    expect(result.stderr).toMatch(/^downloading +\[=+\] 100%/m);
    const luml = await options.createClient(seededClientOptions(workspace.dev));
    await expectFlowOutcome(result, { out, models: workspace.models, luml });
  });

  it("names its usage and exits 2 without files", async () => {
    const result = await run(options.command, options.args, {
      cwd: options.cwd,
      env: lumlEnvironment(workspace.dev),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(options.usage);
  });
}
