/**
 * The example run as a user runs it: `deno run main.ts` (the workspace's Deno) in a
 * child process, with the permissions a user grants, pointed at a dev server by the
 * LUML_* variables, on model files on disk. `--cached-only`: `@luml/deno` and its
 * dependencies come from node_modules, never from the network.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DevServer, startDevServer } from "@luml/dev-server";
import { LumlClient } from "@luml/node";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  expectFlowOutcome,
  lumlEnvironment,
  makeSampleModels,
  run,
  type SampleModel,
  workspaceBin,
} from "../../_shared/harness.ts";

const denoRun = [
  "run",
  "--cached-only",
  "--allow-read",
  "--allow-write",
  "--allow-net",
  "--allow-env",
  "main.ts",
];
const exampleFolder = fileURLToPath(new URL("..", import.meta.url));
let dev: DevServer;
let folder: string;
let models: SampleModel[];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "luml-example-deno-"));
  dev = await startDevServer();
  models = await makeSampleModels(join(folder, "models"), { weightsSize: 512 * 1024 });
});

afterAll(async () => {
  await dev?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

it("uploads the files with progress, lists them by F1 and downloads the best, verified", async () => {
  const out = join(folder, "out");
  const result = await run(
    workspaceBin("deno"),
    [...denoRun, "--metric", "F1", "--out", out, ...models.map((model) => model.path)],
    { cwd: exampleFolder, env: lumlEnvironment(dev) },
  );
  // The progress bar, as it prints when the output is a log.
  expect(result.stderr).toMatch(/^uploading +\[=+\] 100%/m);
  expect(result.stderr).toMatch(/^downloading +\[=+\] 100%/m);
  const luml = await LumlClient.create({
    apiKey: dev.apiKey,
    baseUrl: dev.baseUrl,
    organization: dev.seeded.organization.id,
    orbit: dev.seeded.orbits.s3.id,
    collection: dev.seeded.collections.s3.id,
  });
  await expectFlowOutcome(result, { out, models, luml });
});

it("names its usage and exits 2 without files", async () => {
  const result = await run(workspaceBin("deno"), denoRun, {
    cwd: exampleFolder,
    env: lumlEnvironment(dev),
  });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("Usage: deno run -A main.ts");
});
