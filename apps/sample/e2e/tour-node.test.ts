import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type DevServer, startDevServer } from "@luml/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listArtifacts } from "./list-artifacts.ts";

const tourScript = fileURLToPath(new URL("../dist/tour-node.js", import.meta.url));
let server: DevServer;

beforeAll(async () => {
  server = await startDevServer();
});

afterAll(async () => {
  await server?.stop();
});

/** Runs the built Node tour with its output piped (so without progress bars). */
function runTour(orbit: string, apiKey = server.apiKey) {
  const child = spawn(process.execPath, [tourScript], {
    env: { ...process.env, LUML_BASE_URL: server.baseUrl, LUML_API_KEY: apiKey, LUML_ORBIT: orbit },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("the Node tour", () => {
  it.each([
    ["s3", "S3 Orbit"],
    ["azure", "Azure Orbit"],
  ] as const)(
    "runs every step against the %s orbit and keeps only the best model",
    async (storage, orbit) => {
      const { code, output } = await runTour(orbit);
      expect(output).toContain(`✔ 1. Connected to Demo Org › ${orbit} › Models`);
      expect(output).toMatch(/✔ 5\. Downloaded churn-boosted\.fnnx; sha256 [0-9a-f]{12}… matches/);
      expect(output).toContain(
        "✔ 7. Deleted churn-baseline-node, churn-tuned-node; kept churn-boosted-node",
      );
      expect(code).toBe(0);

      const remaining = await listArtifacts(server, storage);
      expect(remaining).toHaveLength(1);
      expect(remaining[0]).toMatchObject({
        name: "churn-boosted-node",
        status: "uploaded",
        tags: ["demo", "node", "prod"],
        extra_values: { accuracy: 0.931, F1: 0.912 },
      });
    },
  );

  it("exits non-zero with a readable message, without the key, when the key is wrong", async () => {
    const wrongKey = "dfs_not-a-real-key-0123456789";
    const { code, output } = await runTour("S3 Orbit", wrongKey);
    expect(code).not.toBe(0);
    expect(output).not.toContain(wrongKey);
    expect(output).not.toContain("✔ 1.");
  });
});
