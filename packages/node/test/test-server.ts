import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { DevServer, DevServerOptions, FaultRule } from "@luml/dev-server";
import { afterAll, beforeAll } from "vitest";

/** Fault rules of a test server; async because the server may run in another process. */
export interface TestFaults {
  add(rule: FaultRule): Promise<string>;
  list(): Promise<Array<FaultRule & { id: string; matched: number; fired: number }>>;
  clear(): Promise<void>;
}

/** A dev server for the tests, in this process or (under Bun) in a Node child process. */
export type TestServer = Omit<DevServer, "faults"> & { faults: TestFaults };

/**
 * The options that reach one of the server's seeded collections, the way a user
 * configures a client: base URL, key, and the organization, orbit and collection by name.
 */
export function seededClientOptions(server: TestServer, kind: "s3" | "azure") {
  return {
    baseUrl: server.baseUrl,
    apiKey: server.apiKey,
    organization: server.seeded.organization.name,
    orbit: server.seeded.orbits[kind].name,
    collection: server.seeded.collections[kind].name,
  };
}

/** A test file's dev server and temporary folder, set once its first `beforeAll` has run. */
export interface SharedTestServer {
  readonly server: TestServer;
  /** A fresh folder on the real disk for the file's archives and downloads. */
  readonly folder: string;
}

/**
 * Starts a dev server with `options` and makes a temporary folder named
 * `folderPrefix…` before a test file's tests (register it before the file's own
 * `beforeAll`, which may use both), and stops the server and removes the folder
 * after them.
 */
export function useTestServer(options: DevServerOptions, folderPrefix: string): SharedTestServer {
  const shared: { server?: TestServer; folder?: string } = {};
  beforeAll(async () => {
    shared.server = await startTestServer(options);
    shared.folder = await mkdtemp(join(tmpdir(), folderPrefix));
  }, 60_000);
  afterAll(async () => {
    await shared.server?.stop();
    if (shared.folder) await rm(shared.folder, { recursive: true, force: true });
  });
  return shared as SharedTestServer;
}

const isBun = typeof (process.versions as Record<string, string | undefined>).bun === "string";

/**
 * Starts a dev server. Node hosts it in-process; Bun cannot load its database
 * driver, so there it runs in a Node child process and faults go over HTTP.
 */
export async function startTestServer(options: DevServerOptions): Promise<TestServer> {
  if (!isBun) {
    const { startDevServer } = await import("@luml/dev-server");
    const server = await startDevServer(options);
    return {
      ...server,
      stop: () => server.stop(),
      faults: {
        add: async (rule) => server.faults.add(rule),
        list: async () => server.faults.list(),
        clear: async () => server.faults.clear(),
      },
    };
  }
  return startInChildProcess(options);
}

/** `luml-dev-server --json` with the options the tests use; closing its stdin stops it. */
async function startInChildProcess(options: DevServerOptions): Promise<TestServer> {
  const cli = new URL("../../dev-server/dist/cli.js", import.meta.url).pathname;
  const flags = ["--json"];
  if (options.faults) flags.push("--faults");
  if (options.multipartThreshold !== undefined) {
    flags.push("--multipart-threshold", String(options.multipartThreshold));
  }
  if (options.partSize !== undefined) flags.push("--part-size", String(options.partSize));
  const child = spawn("node", [cli, ...flags], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = (await Promise.race([
    once(lines, "line"),
    once(child, "exit").then(() => {
      throw new Error("the dev server process exited before it was ready");
    }),
  ])) as [string];
  const details = JSON.parse(line) as Pick<DevServer, "baseUrl" | "apiKey" | "seeded" | "storage">;
  const faultsUrl = `${details.baseUrl}/_dev/faults`;
  const exited = once(child, "exit");
  return {
    ...details,
    faults: {
      async add(rule) {
        const response = await fetch(faultsUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(rule),
        });
        return ((await response.json()) as { id: string }).id;
      },
      async list() {
        return (await (await fetch(faultsUrl)).json()) as never;
      },
      async clear() {
        await fetch(faultsUrl, { method: "DELETE" });
      },
    },
    async stop() {
      lines.close();
      child.stdin?.end();
      await exited;
    },
  };
}
