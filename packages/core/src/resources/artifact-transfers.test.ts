import type { DevServer } from "@luml/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededClient, startServer } from "../../test/support/dev-server";
import type { LumlClient } from "../client";
import { InvalidArgumentError } from "../errors/invalid-argument-error";

let server: DevServer;
let luml: LumlClient;
beforeAll(async () => {
  server = await startServer();
  luml = await seededClient(server);
});
afterAll(() => server?.stop());

/** Counts the API requests `action` makes, with a rule that matches all and never fires. */
async function apiRequestsDuring(action: () => Promise<unknown>): Promise<number> {
  server.faults.clear();
  server.faults.add({ target: "api", path: ".", nth: 1_000_000, action: { delayMs: 0 } });
  await action().catch(() => undefined);
  const matched = server.faults.list()[0]?.matched ?? 0;
  server.faults.clear();
  return matched;
}

describe("download arguments", () => {
  it("counts requests (the check below would notice one)", async () => {
    expect(await apiRequestsDuring(() => luml.artifacts.list())).toBeGreaterThan(0);
  });

  const cases = [
    { argument: "artifactId", call: () => luml.artifacts.download(" ") },
    { argument: "concurrency", call: () => luml.artifacts.download("x", { concurrency: 0 }) },
    { argument: "concurrency", call: () => luml.artifacts.download("x", { concurrency: 1.5 }) },
    { argument: "partSize", call: () => luml.artifacts.download("x", { partSize: 1024 }) },
  ];

  for (const { argument, call } of cases) {
    it(`rejects a bad ${argument} with an InvalidArgumentError before any request`, async () => {
      let error: unknown;
      const requests = await apiRequestsDuring(async () => {
        error = await call().catch((caught: unknown) => caught);
      });
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe(argument);
      expect(requests).toBe(0);
    });
  }
});
