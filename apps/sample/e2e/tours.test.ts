import { type DevServer, startDevServer } from "@luml/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTour } from "../src/run-tour.ts";
import { listArtifacts } from "./list-artifacts.ts";

let server: DevServer;

beforeAll(async () => {
  server = await startDevServer();
});

afterAll(async () => {
  await server?.stop();
});

describe("the tours", () => {
  it.for([
    ["node", "s3", "S3 Orbit"],
    ["node", "azure", "Azure Orbit"],
    ["bun", "s3", "S3 Orbit"],
    ["deno", "azure", "Azure Orbit"],
  ] as const)(
    "%s runs every step on the %s orbit and keeps only its best model",
    async ([runtime, storage, orbit], context) => {
      const result = await runTour({
        runtime,
        baseUrl: server.baseUrl,
        apiKey: server.apiKey,
        orbit,
        capture: true,
      });
      if ("skipped" in result) return context.skip(result.skipped);

      const { code, output } = result;
      expect(output).toContain(`✔ 1. Connected to Demo Org › ${orbit} › Models`);
      expect(output).toMatch(/✔ 5\. Downloaded churn-boosted\.fnnx; sha256 [0-9a-f]{12}… matches/);
      expect(output).toContain(
        `✔ 7. Deleted churn-baseline-${runtime}, churn-tuned-${runtime}; kept churn-boosted-${runtime}`,
      );
      expect(code).toBe(0);

      const remaining = (await listArtifacts(server, storage)).filter((artifact) =>
        artifact.tags?.includes(runtime),
      );
      expect(remaining).toHaveLength(1);
      expect(remaining[0]).toMatchObject({
        name: `churn-boosted-${runtime}`,
        status: "uploaded",
        tags: ["demo", runtime, "prod"],
        extra_values: { accuracy: 0.931, F1: 0.912 },
      });
    },
  );

  it("runs again on the same server (--persist), replacing what the first run kept", async () => {
    const result = await runTour({
      runtime: "node",
      baseUrl: server.baseUrl,
      apiKey: server.apiKey,
      orbit: "S3 Orbit",
      capture: true,
    });
    if ("skipped" in result) throw new Error(result.skipped);
    expect(result.output).toContain("removed churn-boosted-node, kept by an earlier run");
    expect(result.code, result.output).toBe(0);
    const kept = (await listArtifacts(server, "s3")).filter((artifact) =>
      artifact.tags?.includes("node"),
    );
    expect(kept.map((artifact) => artifact.name)).toEqual(["churn-boosted-node"]);
  });

  it("fails with a readable message, without the key, when the key is wrong", async () => {
    const wrongKey = "dfs_not-a-real-key-0123456789";
    const result = await runTour({
      runtime: "node",
      baseUrl: server.baseUrl,
      apiKey: wrongKey,
      orbit: "S3 Orbit",
      capture: true,
    });
    if ("skipped" in result) throw new Error(result.skipped);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/AuthenticationError|401/);
    expect(result.output).not.toContain(wrongKey);
    expect(result.output).not.toContain("✔ 1.");
  });
});
