import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { DevServer } from "@luml/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFor, startServer } from "../../test/support/dev-server";

let server: DevServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

describe("request logging", () => {
  it("logs one line per attempt with method, path, status and time, never the key", async () => {
    const lines: string[] = [];
    server.faults.add({ target: "api", path: "organizations", action: { status: 503 } });
    const luml = clientFor(server, { logger: { debug: (line) => lines.push(line) } });
    await luml.organizations.list();
    server.faults.clear();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^luml: GET http:\/\/127\.0\.0\.1:\d+\/v1\/users\/me\/organizations \(attempt 1\) -> 503 in \d+ ms: /,
    );
    expect(lines[1]).toMatch(/\(attempt 2\) -> 200 in \d+ ms$/);
    for (const line of lines) expect(line).not.toContain(server.apiKey);
  });

  it("writes to stderr when LUML_LOG=debug, and nothing otherwise", async () => {
    const script = `
      const { LumlClient } = await import(${JSON.stringify(new URL("../../dist/index.js", import.meta.url).href)});
      const luml = new LumlClient({ apiKey: process.env.KEY, baseUrl: process.env.BASE });
      await luml.organizations.list();
    `;
    const run = (logLevel: string | undefined) =>
      promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
        env: { ...process.env, KEY: server.apiKey, BASE: server.baseUrl, LUML_LOG: logLevel },
      });
    const debug = await run("debug");
    expect(debug.stderr).toMatch(/luml: GET .*\/v1\/users\/me\/organizations \(attempt 1\) -> 200/);
    expect(debug.stderr).not.toContain(server.apiKey);
    expect(debug.stdout).toBe("");
    const quiet = await run(undefined);
    expect(quiet.stderr).toBe("");
  });
});
