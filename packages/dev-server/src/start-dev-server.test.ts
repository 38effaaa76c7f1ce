import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { startDevServer } from "./start-dev-server";

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

describe("startDevServer", () => {
  it("starts on free ports with isolated in-memory state and frees every port on stop", async () => {
    const [one, two] = await Promise.all([
      startDevServer(),
      startDevServer({ apiKey: "dfs_chosen_key" }),
    ]);
    try {
      expect(one.baseUrl).not.toBe(two.baseUrl);
      expect(one.apiKey).toMatch(/^dfs_/);
      expect(two.apiKey).toBe("dfs_chosen_key");
      expect(one.seeded.organization.id).not.toBe(two.seeded.organization.id);
      const crossed = await fetch(`${two.baseUrl}/v1/auth/api-keys/validate`, {
        headers: { authorization: `Bearer ${one.apiKey}` },
      });
      expect(crossed.status).toBe(401);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }
    const ports = [
      one.baseUrl,
      one.storage.s3.endpoint,
      one.storage.azure.endpoint,
      one.storage.s3.backendEndpoint,
    ].map((url) => Number(new URL(url).port));
    for (const port of ports) expect(await portIsFree(port)).toBe(true);
    await one.stop();
  }, 60_000);

  it("rejects bad options before starting anything", async () => {
    await expect(startDevServer({ port: -1 })).rejects.toThrow(TypeError);
    await expect(startDevServer({ multipartThreshold: 1.5 })).rejects.toThrow(/multipartThreshold/);
    await expect(startDevServer({ partSize: 0 })).rejects.toThrow(/partSize/);
  });
});
