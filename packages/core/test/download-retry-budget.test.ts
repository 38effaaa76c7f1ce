import type { DevServer } from "@luml/dev-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildModelArchive } from "../../../tests/runtime/suite/tar-archive";
import { APITimeoutError, type Artifact, type LumlClient } from "../src/index";
import { seededClient, startServer } from "./support/dev-server";

// A download has two budgets: resumes of a body cut after new bytes arrived, and
// the retries of the requests since the last new byte. Counted together, each
// resume got a retry budget of its own: a storage that never answers was asked
// (maxRetries + 1) × (1 + 5 resumes) times, about 3 hours with the defaults.
let server: DevServer;
let artifact: Artifact;
let bytes: Uint8Array;
beforeAll(async () => {
  server = await startServer();
  bytes = buildModelArchive(256 * 1024 + 17, { F1: 0.5 });
  const file = new File([bytes as Uint8Array<ArrayBuffer>], `retry-budget-${Date.now()}.fnnx`);
  artifact = await (await seededClient(server)).artifacts.upload(file);
});
afterAll(() => server?.stop());
afterEach(() => server.faults.clear());

/** Every storage GET of the object gets `action`; returns the rule's id. */
function everyObjectGet(action: Parameters<DevServer["faults"]["add"]>[0]["action"]): string {
  return server.faults.add({ target: "s3", method: "GET", path: ".", times: 1_000, action });
}

/** How many storage GETs the rule `id` matched. */
function getsMatched(id: string): number {
  return server.faults.list().find((rule) => rule.id === id)?.matched ?? 0;
}

/** Downloads the artifact into a Blob: its bytes, or the error it rejected with. */
async function download(luml: LumlClient): Promise<Uint8Array | unknown> {
  try {
    const { blob } = await luml.artifacts.download(artifact.id);
    return new Uint8Array(await (blob as Blob).arrayBuffer());
  } catch (error) {
    return error;
  }
}

describe("a download's retries and resumes", () => {
  it("gives up on a storage that never answers after maxRetries + 1 GETs", async () => {
    const rule = everyObjectGet({ delayMs: 600_000 });
    const luml = await seededClient(server, "s3", { maxRetries: 1, storageTimeout: 1_000 });
    const error = await download(luml);
    expect(APITimeoutError.isInstance(error)).toBe(true);
    expect(getsMatched(rule)).toBe(2);
  }, 30_000);

  it("counts a body that breaks before its first byte against the same retries", async () => {
    const rule = everyObjectGet({ stall: "after-headers" });
    const luml = await seededClient(server, "s3", { maxRetries: 1, idleTimeout: 1_000 });
    const error = await download(luml);
    expect(APITimeoutError.isInstance(error)).toBe(true);
    expect(getsMatched(rule)).toBe(2);
  }, 30_000);

  it("counts the retries spent before a reply's headers when its body then breaks", async () => {
    // Two GETs time out waiting for headers, the third's body stalls before a byte:
    // that is maxRetries + 1 failed attempts, and no fourth GET.
    const silent = server.faults.add({
      target: "s3",
      method: "GET",
      path: ".",
      times: 2,
      action: { delayMs: 600_000 },
    });
    const stalled = everyObjectGet({ stall: "after-headers" });
    const luml = await seededClient(server, "s3", {
      maxRetries: 2,
      storageTimeout: 1_000,
      idleTimeout: 1_000,
    });
    const error = await download(luml);
    expect(APITimeoutError.isInstance(error)).toBe(true);
    expect(getsMatched(silent)).toBe(3);
    expect(getsMatched(stalled)).toBe(1);
  }, 30_000);

  it("resumes a body cut after new bytes again and again, even without retries", async () => {
    const rule = server.faults.add({
      target: "s3",
      method: "GET",
      path: ".",
      times: 3,
      action: { stall: "mid-body" },
    });
    const luml = await seededClient(server, "s3", { maxRetries: 0, idleTimeout: 500 });
    expect(await download(luml)).toEqual(bytes);
    expect(getsMatched(rule)).toBe(4);
  }, 30_000);

  it("stops resuming a body that keeps being cut after 5 resumes", async () => {
    const rule = everyObjectGet({ stall: "mid-body" });
    const luml = await seededClient(server, "s3", { maxRetries: 0, idleTimeout: 500 });
    const error = await download(luml);
    expect(APITimeoutError.isInstance(error)).toBe(true);
    expect(getsMatched(rule)).toBe(6);
  }, 30_000);
});
