#!/usr/bin/env node
// Runs a command with one dev server (S3 and Azure orbits, faults on) for it to test
// against, then stops the server and exits with the command's exit code.
//
//   node tests/runtime/with-dev-server.mjs <command> [arguments…]
//
// The child gets LUML_TEST_BASE_URL, LUML_TEST_API_KEY and LUML_TEST_SEEDED (JSON).
// The dev server needs Node 20's native SQLite binding, so it runs here, in this
// process, whatever runtime the command starts.
import { spawn } from "node:child_process";
import { startDevServer } from "../../packages/dev-server/dist/index.js";

const mebibyte = 1024 * 1024;
const [command, ...commandArguments] = process.argv.slice(2);
if (!command) {
  console.error("usage: node tests/runtime/with-dev-server.mjs <command> [arguments…]");
  process.exit(2);
}

const server = await startDevServer({
  faults: true,
  multipartThreshold: 6 * mebibyte,
  partSize: 5 * mebibyte,
});

/** Runs the command with inherited output; resolves with its exit code. */
function runChild() {
  return new Promise((resolve) => {
    const child = spawn(command, commandArguments, {
      stdio: "inherit",
      env: {
        ...process.env,
        LUML_TEST_BASE_URL: server.baseUrl,
        LUML_TEST_API_KEY: server.apiKey,
        LUML_TEST_SEEDED: JSON.stringify(server.seeded),
        // The runtimes must not reach for the network on their own.
        DENO_NO_UPDATE_CHECK: "1",
      },
    });
    // Forward a stop request so the child cleans up before the server goes away.
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", (error) => {
      console.error(`${command} did not start: ${error.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

let exitCode = 1;
try {
  exitCode = await runChild();
} finally {
  await server.stop();
}
process.exit(exitCode);
