import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";

/** An azurite blob service running as a child process. */
export interface AzuriteProcess {
  /** Host and port azurite listens on. */
  address: { host: string; port: number };
  /** Stops the child and waits for it to exit. */
  stop(): Promise<void>;
}

/** Options of {@link startAzurite}. */
export interface AzuriteOptions {
  /** Folder for azurite's data; `undefined` keeps blobs in memory. */
  location?: string;
  /** How long to wait for azurite to listen, in milliseconds. */
  startTimeoutMs?: number;
}

// Runs azurite and exits with the parent (the IPC channel closes when the parent dies);
// on SIGTERM the channel stops holding the process open so azurite's own shutdown ends it.
const LAUNCHER = [
  'process.on("disconnect", () => process.exit(0));',
  'process.once("SIGTERM", () => process.channel?.unref());',
  "require(process.argv[1]);",
].join(" ");

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts `azurite-blob` on 127.0.0.1 with an ephemeral port and resolves once it listens. */
export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteProcess> {
  const require = createRequire(import.meta.url);
  const main = require.resolve("azurite/dist/src/blob/main.js");
  const persistence = options.location
    ? ["--location", options.location]
    : ["--inMemoryPersistence"];
  const child = spawn(
    process.execPath,
    [
      "-e",
      LAUNCHER,
      main,
      "--blobHost",
      "127.0.0.1",
      "--blobPort",
      "0",
      ...persistence,
      "--skipApiVersionCheck",
      "--loose",
      "--disableTelemetry",
      "--disableProductStyleUrl",
      "--silent",
    ],
    { stdio: ["ignore", "pipe", "pipe", "ipc"], cwd: options.location ?? process.cwd() },
  );

  let output = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`azurite did not start in time:\n${output}`)),
      options.startTimeoutMs ?? 30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /listens on https?:\/\/[^\s]*:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(error);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", fail);
    child.once("exit", (code) => fail(new Error(`azurite exited with code ${code}:\n${output}`)));
  });
  // Keep draining its output so the child never blocks on a full pipe.
  for (const stream of [child.stdout, child.stderr]) {
    stream?.removeAllListeners("data");
    stream?.resume();
  }
  child.removeAllListeners("exit");
  child.removeAllListeners("error");
  child.on("error", () => {
    // A failed kill during stop() is handled by the exit wait there.
  });

  return {
    address: { host: "127.0.0.1", port },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      if (!(await waitForExit(child, 5_000))) {
        child.kill("SIGKILL");
        await waitForExit(child, 5_000);
      }
    },
  };
}
