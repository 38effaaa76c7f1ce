/**
 * The example run as a user runs it: `node main.mjs` in a child process, pointed at
 * a dev server by the LUML_* variables, on model files on disk.
 */

import { fileURLToPath } from "node:url";
import { startDevServer } from "@luml/dev-server";
import { LumlClient } from "@luml/node";
import { itRunsTheModelFlow, useExampleWorkspace } from "../../_shared/harness.ts";

const exampleFolder = fileURLToPath(new URL("..", import.meta.url));

const workspace = useExampleWorkspace("luml-example-node-", startDevServer);

itRunsTheModelFlow(workspace, {
  command: process.execPath,
  args: ["main.mjs"],
  cwd: exampleFolder,
  usage: "Usage: node main.mjs",
  createClient: (options) => LumlClient.create(options),
});
