import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APITimeoutError, LumlClient } from "../src/index";
import { buildModelArchive, writeArchive } from "./build-archive";
import { seededClientOptions, useTestServer } from "./test-server";

// Core's tests count these on fetch; Node and Bun users download on the socket path.
const shared = useTestServer({ faults: true }, "luml-retry-budget-");

describe("a download from a storage that stops answering, from @luml/node", () => {
  it("gives up after maxRetries + 1 GETs, resumes included, and leaves nothing", async () => {
    const luml = await LumlClient.create(seededClientOptions(shared.server, "s3"));
    const path = join(shared.folder, "budget.fnnx");
    await writeArchive(path, buildModelArchive(256 * 1024));
    const artifact = await luml.artifacts.upload(path);
    const rule = await shared.server.faults.add({
      target: "s3",
      method: "GET",
      path: artifact.unique_identifier as string,
      times: 1_000,
      action: { stall: "after-headers" },
    });
    const client = new LumlClient({
      ...seededClientOptions(shared.server, "s3"),
      maxRetries: 1,
      idleTimeout: 1_000,
    });
    const target = join(shared.folder, "out");
    const error = await client.artifacts
      .download(artifact.id, { to: `${target}/` })
      .catch((caught: unknown) => caught);
    const matched = (await shared.server.faults.list()).find((r) => r.id === rule)?.matched;
    await shared.server.faults.clear();
    expect(APITimeoutError.isInstance(error)).toBe(true);
    expect(matched).toBe(2);
    expect(await readdir(target).catch(() => [])).toEqual([]);
  }, 30_000);
});
