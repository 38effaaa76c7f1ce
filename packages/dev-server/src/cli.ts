#!/usr/bin/env node
import { spawn } from "node:child_process";
import { fstatSync } from "node:fs";
import { CLI_USAGE, parseCliArguments } from "./parse-cli-arguments";
import { startDevServer } from "./start-dev-server";
import type { DevServer } from "./types";

function banner(server: DevServer): string {
  const { seeded } = server;
  return `LUML dev server ready at ${server.baseUrl} (routes under /v1)

  API key            ${server.apiKey}
  Key without rights ${seeded.noRightsApiKey}
  Organization       ${seeded.organization.name} (${seeded.organization.id})
  Other organization ${seeded.otherOrganization.name} (${seeded.otherOrganization.id})
  S3 orbit           ${seeded.orbits.s3.name} (${seeded.orbits.s3.id}), collection ${seeded.collections.s3.name} (${seeded.collections.s3.id})
  Azure orbit        ${seeded.orbits.azure.name} (${seeded.orbits.azure.id}), collection ${seeded.collections.azure.name} (${seeded.collections.azure.id})
  S3 storage         ${server.storage.s3.endpoint}
  Azure storage      ${server.storage.azure.endpoint}

Use it with the SDK:
  export LUML_BASE_URL=${server.baseUrl}
  export LUML_API_KEY=${server.apiKey}

  import { LumlClient } from "@luml/node";
  const luml = await LumlClient.create({ organization: "${seeded.organization.name}", orbit: "${seeded.orbits.s3.name}", collection: "${seeded.collections.s3.name}" });

Press Ctrl+C to stop.`;
}

/** What `--json` prints and `-- <command>` hands over in `LUML_DEV_SERVER`. */
function describe(server: DevServer): string {
  const { baseUrl, apiKey, seeded, storage } = server;
  return JSON.stringify({ baseUrl, apiKey, seeded, storage });
}

/**
 * Splits `[options] -- <command> [arguments…]` at the first `--` followed by a
 * command (a `--` followed by an option, as `pnpm start -- --port 0` passes, stays
 * with the options).
 */
function splitCommand(argv: string[]): { options: string[]; command: string[] } {
  const at = argv.findIndex(
    (value, index) =>
      value === "--" && index + 1 < argv.length && !argv[index + 1]?.startsWith("-"),
  );
  return at === -1
    ? { options: argv, command: [] }
    : { options: argv.slice(0, at), command: argv.slice(at + 1) };
}

/** Runs the command against the server, then stops it; exits with the command's code. */
async function runCommand(server: DevServer, [command = "", ...args]: string[]): Promise<never> {
  const child = spawn(command, args, {
    stdio: "inherit",
    env: {
      ...process.env,
      LUML_BASE_URL: server.baseUrl,
      LUML_API_KEY: server.apiKey,
      LUML_DEV_SERVER: describe(server),
    },
  });
  // A stop request goes to the command first, so it cleans up before the server goes.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  const code = await new Promise<number>((resolve) => {
    child.once("error", (error) => {
      console.error(`luml-dev-server: ${command} did not start: ${error.message}`);
      resolve(127);
    });
    child.once("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  await server.stop();
  process.exit(code);
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCliArguments>;
  const { options: flags, command } = splitCommand(process.argv.slice(2));
  const json = flags.includes("--json");
  const scripted = json || command.length > 0;
  try {
    options = parseCliArguments(flags.filter((flag) => flag !== "--json"));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n\n${CLI_USAGE}`);
    process.exit(2);
  }
  if (!options) {
    console.log(CLI_USAGE);
    return;
  }
  if (scripted) {
    // For scripts and test runners: a free port and fresh state unless asked otherwise.
    if (!flags.some((flag) => flag.startsWith("--port"))) options.port = 0;
    if (!flags.some((flag) => flag.startsWith("--data-dir"))) options.dataDir = undefined;
  }
  const server = await startDevServer(options);
  if (command.length > 0) await runCommand(server, command);
  console.log(json ? describe(server) : banner(server));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!json) console.log(`\n${signal}: stopping…`);
    await server.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  const stdin = fstatSync(0);
  if (json && (stdin.isFIFO() || stdin.isSocket())) {
    // Started by a program over a pipe (or Bun's socket pair): closing it stops the server.
    process.stdin.once("close", () => void stop("stdin closed"));
    process.stdin.once("end", () => void stop("stdin closed"));
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  console.error(
    `luml-dev-server failed to start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
