/**
 * Runs a tour script in its runtime as a child process, with the dev server's
 * address and key in its environment, the way a user runs it from a shell.
 */
import { spawn } from "node:child_process";
import { access, constants } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A runtime a tour runs in. */
export type TourRuntime = "node" | "bun" | "deno";

/** How to run a tour. */
export interface RunTourOptions {
  runtime: TourRuntime;
  /** Where the API is and how to authenticate; passed as `LUML_BASE_URL`/`LUML_API_KEY`. */
  baseUrl: string;
  apiKey: string;
  /** The orbit name, passed as `LUML_ORBIT`. */
  orbit: string;
  /** Model files to upload; none lets the tour build its own. */
  files?: string[];
  /** Collects the output into the result instead of printing it. */
  capture?: boolean;
}

/** How a tour ended: its exit code (and its output when captured), or why it could not start. */
export type TourResult = { code: number; output: string } | { skipped: string };

/** The app folder (parent of `src/` and `dist/`). */
export const appRoot = fileURLToPath(new URL("..", import.meta.url));
const workspaceRoot = join(appRoot, "..", "..");

/**
 * Runs one tour and resolves when it exits. Its output goes to this process's
 * terminal, or is captured (without colours) when `capture` is set.
 */
export async function runTour(options: RunTourOptions): Promise<TourResult> {
  const command = await tourCommand(options.runtime);
  if (!command) return { skipped: `${options.runtime} is not installed` };
  const child = spawn(command[0] as string, [...command.slice(1), ...(options.files ?? [])], {
    cwd: appRoot,
    stdio: options.capture ? ["ignore", "pipe", "pipe"] : "inherit",
    env: {
      ...process.env,
      LUML_BASE_URL: options.baseUrl,
      LUML_API_KEY: options.apiKey,
      LUML_ORBIT: options.orbit,
      // Deno's update check would reach for the network; the demo runs offline.
      DENO_NO_UPDATE_CHECK: "1",
      ...(options.capture ? { NO_COLOR: "1" } : {}),
    },
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return new Promise((resolve) => {
    child.on("error", (error) =>
      resolve({ skipped: `${options.runtime} did not start: ${error.message}` }),
    );
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** The command line of a tour, or undefined when its runtime is missing. */
async function tourCommand(runtime: TourRuntime): Promise<string[] | undefined> {
  if (runtime === "node") return [process.execPath, join(appRoot, "dist", "tour-node.js")];
  const binary = await findBinary(runtime);
  if (!binary) return undefined;
  if (runtime === "bun") return [binary, join(appRoot, "src", "tour-node.ts")];
  return [
    binary,
    "run",
    // The permissions a user would grant: files, network, environment.
    "--allow-read",
    "--allow-write",
    "--allow-net",
    "--allow-env",
    join(appRoot, "src", "tour-deno.ts"),
  ];
}

/** Looks for a binary in the workspace's `node_modules/.bin`, then on the PATH. */
async function findBinary(name: string): Promise<string | undefined> {
  const folders = [
    join(workspaceRoot, "node_modules", ".bin"),
    ...(process.env.PATH ?? "").split(delimiter),
  ];
  for (const folder of folders.filter(Boolean)) {
    const candidate = join(folder, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}
