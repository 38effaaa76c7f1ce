// A page that cannot fetch the SDK's upload code when its first upload needs it
// (offline, or its files replaced by a new deploy): the upload rejects with a
// retryable LumlError before any request, and nothing is recorded.
import type { Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTestEnvironment } from "../suite/test-environment.ts";
import { launchSuitePage, type SuitePage } from "./launch-suite-page.ts";

const environment = readTestEnvironment((name) => process.env[name]);
/** The chunk `artifacts.upload` loads on first use. */
const uploadChunk = /\/send-artifact[^/]*\.js$/;

let suitePage: SuitePage | undefined;
const refusedChunks: string[] = [];

beforeAll(async () => {
  suitePage = await launchSuitePage(environment, async (page) => {
    await page.route(uploadChunk, async (route) => {
      refusedChunks.push(route.request().url());
      await route.abort("internetdisconnected");
    });
  });
});

afterAll(async () => {
  await suitePage?.close();
});

/** The ids of the seeded S3 orbit's records called `name`, read straight from the API. */
async function recordsNamed(name: string): Promise<string[]> {
  const { seeded } = environment;
  const url = new URL(
    `/v1/organizations/${seeded.organization.id}/orbits/${seeded.orbits.s3.id}/artifacts`,
    environment.baseUrl,
  );
  url.searchParams.set("search", name);
  const response = await fetch(url, { headers: { authorization: `Bearer ${environment.apiKey}` } });
  const page = (await response.json()) as { items: Array<{ id: string; name: string }> };
  return page.items.filter((item) => item.name === name).map((item) => item.id);
}

describe("chromium, the upload code unavailable", () => {
  it("rejects the upload with a retryable LumlError, before any request, recording nothing", async () => {
    const page = suitePage?.page;
    if (!page) throw new Error("the page did not open");
    const apiRequests: string[] = [];
    const onRequest = (request: Request) => {
      if (request.url().startsWith(environment.baseUrl)) apiRequests.push(request.url());
    };
    page.on("request", onRequest);
    const report = await page.evaluate(() => window.lumlSuite.uploadSmall("s3"));
    page.off("request", onRequest);
    expect(refusedChunks.length).toBeGreaterThan(0);
    expect(report.uploaded).toBe(false);
    expect(report.error).toMatchObject({ name: "LumlError", isLumlError: true, isRetryable: true });
    expect(report.error?.message).toContain("upload code could not be loaded");
    expect(apiRequests).toEqual([]);
    expect(await recordsNamed(report.name)).toEqual([]);
    expect(suitePage?.pageErrors).toEqual([]);
  });
});
