/**
 * The CI job's script run as the job runs it: `bash publish-best.sh` with the
 * `luml` command on the PATH (this package's @luml/cli), the LUML_* variables
 * pointing at a dev server, and a folder of model files a training step left.
 */
import { readdir, readFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startDevServer } from "@luml/dev-server";
import { LumlClient } from "@luml/node";
import { expect, it } from "vitest";
import {
  lumlEnvironment,
  run,
  seededClientOptions,
  sha256File,
  useExampleWorkspace,
} from "../../_shared/harness.ts";

const exampleFolder = fileURLToPath(new URL("..", import.meta.url));
const path = [join(exampleFolder, "node_modules", ".bin"), process.env.PATH].join(delimiter);

const workspace = useExampleWorkspace("luml-example-ci-", startDevServer);

it("uploads the run's models tagged with the run, and downloads the best by F1, verified", async () => {
  const out = join(workspace.folder, "best");
  const summary = join(workspace.folder, "summary.md");
  const result = await run("bash", ["publish-best.sh", join(workspace.folder, "models"), out], {
    cwd: exampleFolder,
    env: {
      ...lumlEnvironment(workspace.dev),
      PATH: path,
      GITHUB_RUN_ID: "4242",
      GITHUB_STEP_SUMMARY: summary,
    },
    timeout: 180_000,
  });
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);

  const best = workspace.models.find((model) => model.name === "churn-boosted");
  expect(await readdir(out)).toEqual(["churn-boosted.fnnx"]);
  expect(await sha256File(join(out, "churn-boosted.fnnx"))).toBe(best?.sha256);
  expect(await readFile(summary, "utf8")).toBe(
    `Best model by F1: churn-boosted.fnnx (F1 0.912), saved in ${out}/churn-boosted.fnnx\n`,
  );

  const luml = await LumlClient.create(seededClientOptions(workspace.dev));
  const { items } = await luml.artifacts.list({ sortBy: "name", order: "asc" });
  expect(items.map((item) => [item.name, item.status, item.tags])).toEqual([
    ["churn-baseline.fnnx", "uploaded", ["ci", "run-4242"]],
    ["churn-boosted.fnnx", "uploaded", ["ci", "run-4242"]],
    ["churn-tuned.fnnx", "uploaded", ["ci", "run-4242"]],
  ]);
});

it("stops the job at once, with the CLI's one-line error, when the key is refused", async () => {
  const result = await run(
    "bash",
    ["publish-best.sh", join(workspace.folder, "models"), join(workspace.folder, "x")],
    {
      cwd: exampleFolder,
      env: { ...lumlEnvironment(workspace.dev), LUML_API_KEY: "dfs_not_a_key", PATH: path },
    },
  );
  expect(result.code).not.toBe(0);
  expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^luml: .*API key/)]);
  expect(result.stdout).not.toContain("Uploaded");
});

it("is what the workflow runs, with the variables the script and luml read", async () => {
  const workflow = await readFile(join(exampleFolder, "workflow.yml"), "utf8");
  expect(workflow).toContain("run: bash publish-best.sh models best");
  expect(workflow).toContain("npm install --global @luml/cli");
  for (const name of ["LUML_API_KEY", "LUML_ORGANIZATION", "LUML_ORBIT", "LUML_COLLECTION"]) {
    expect(workflow).toMatch(new RegExp(`^ {6}${name}: \\S`, "m"));
  }
});
