/**
 * The example run as a user runs it: `deno run main.ts` (the workspace's Deno) in a
 * child process, with the permissions a user grants, pointed at a dev server by the
 * LUML_* variables, on model files on disk. `--cached-only`: `@luml/deno` and its
 * dependencies come from node_modules, never from the network.
 */

import { fileURLToPath } from "node:url";
import { startDevServer } from "@luml/dev-server";
import { LumlClient } from "@luml/node";
import { itRunsTheModelFlow, useExampleWorkspace, workspaceBin } from "../../_shared/harness.ts";

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

const workspace = useExampleWorkspace("luml-example-deno-", startDevServer);

itRunsTheModelFlow(workspace, {
  command: workspaceBin("deno"),
  args: denoRun,
  cwd: exampleFolder,
  usage: "Usage: deno run -A main.ts",
  createClient: (options) => LumlClient.create(options),
});
