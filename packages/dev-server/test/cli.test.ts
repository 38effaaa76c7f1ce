import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLI = join(import.meta.dirname, "../dist/cli.js");
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "luml-dev-cli-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  baseUrl: string;
  apiKey: string;
  output: string;
}

/** Starts the built CLI and waits for its banner. */
function startCli(args: string[]): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`CLI did not start:\n${output}`));
    }, 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const baseUrl = /ready at (\S+)/.exec(output)?.[1];
      const apiKey = /LUML_API_KEY=(\S+)/.exec(output)?.[1];
      if (baseUrl && apiKey) {
        clearTimeout(timer);
        resolve({ child, baseUrl, apiKey, output });
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited with ${code}:\n${output}`));
    });
  });
}

function stopCli(running: Running, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.removeAllListeners("exit");
    running.child.once("exit", (code) => resolve(code));
    running.child.kill(signal);
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

describe("luml-dev-server CLI", () => {
  it("prints how to use it, persists state in --data-dir and stops cleanly", async () => {
    const first = await startCli(["--port", "0", "--data-dir", dataDir]);
    expect(first.output).toContain("Demo Org");
    expect(first.output).toContain("LUML_BASE_URL=");
    const headers = { authorization: `Bearer ${first.apiKey}` };
    const organizations = await (
      await fetch(`${first.baseUrl}/v1/users/me/organizations`, { headers })
    ).json();
    expect(organizations.map((organization: { name: string }) => organization.name)).toContain(
      "Demo Org",
    );
    const port = Number(new URL(first.baseUrl).port);
    expect(await stopCli(first, "SIGTERM")).toBe(0);
    expect(await portIsFree(port)).toBe(true);
    expect(existsSync(join(dataDir, "luml.sqlite"))).toBe(true);

    const second = await startCli(["--port", "0", "--data-dir", dataDir]);
    expect(second.apiKey).toBe(first.apiKey);
    const again = await (
      await fetch(`${second.baseUrl}/v1/users/me/organizations`, { headers })
    ).json();
    expect(again).toEqual(organizations);
    expect(await stopCli(second, "SIGINT")).toBe(0);
  }, 90_000);

  it("refuses a bad flag with usage", async () => {
    await expect(startCli(["--port", "http"])).rejects.toThrow(/--port must be an integer/);
  });
});
