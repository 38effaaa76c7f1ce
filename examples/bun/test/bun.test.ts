/**
 * The example run as a user runs it: `bun main.ts` (the workspace's Bun) in a child process, pointed at
 * a dev server by the LUML_* variables, on model files on disk.
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startDevServer } from "@luml/dev-server";
import { LumlClient } from "@luml/node";
import { expect, it } from "vitest";
import {
  expectFlowOutcome,
  lumlEnvironment,
  run,
  useExampleWorkspace,
  workspaceBin,
} from "../../_shared/harness.ts";

const exampleFolder = fileURLToPath(new URL("..", import.meta.url));

const workspace = useExampleWorkspace("luml-example-bun-", startDevServer);

it("uploads the files with progress, lists them by F1 and downloads the best, verified", async () => {
  const out = join(workspace.folder, "out");
  const result = await run(
    workspaceBin("bun"),
    ["main.ts", "--metric", "F1", "--out", out, ...workspace.models.map((model) => model.path)],
    { cwd: exampleFolder, env: lumlEnvironment(workspace.dev) },
  );
  // The progress bar, as it prints when the output is a log.
  expect(result.stderr).toMatch(/^uploading +\[=+\] 100%/m);
  expect(result.stderr).toMatch(/^downloading +\[=+\] 100%/m);
  const luml = await LumlClient.create({
    apiKey: workspace.dev.apiKey,
    baseUrl: workspace.dev.baseUrl,
    organization: workspace.dev.seeded.organization.id,
    orbit: workspace.dev.seeded.orbits.s3.id,
    collection: workspace.dev.seeded.collections.s3.id,
  });
  await expectFlowOutcome(result, { out, models: workspace.models, luml });
});

it("names its usage and exits 2 without files", async () => {
  const result = await run(workspaceBin("bun"), ["main.ts"], {
    cwd: exampleFolder,
    env: lumlEnvironment(workspace.dev),
  });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("Usage: bun main.ts");
});
