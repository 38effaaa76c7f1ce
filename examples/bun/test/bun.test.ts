/**
 * The example run as a user runs it: `bun main.ts` (the workspace's Bun) in a child process, pointed at
 * a dev server by the LUML_* variables, on model files on disk.
 */

import { fileURLToPath } from "node:url";
import { startDevServer } from "@luml/dev-server";
import { LumlClient } from "@luml/node";
import { itRunsTheModelFlow, useExampleWorkspace, workspaceBin } from "../../_shared/harness.ts";

const exampleFolder = fileURLToPath(new URL("..", import.meta.url));

const workspace = useExampleWorkspace("luml-example-bun-", startDevServer);

itRunsTheModelFlow(workspace, {
  command: workspaceBin("bun"),
  args: ["main.ts"],
  cwd: exampleFolder,
  usage: "Usage: bun main.ts",
  createClient: (options) => LumlClient.create(options),
});
