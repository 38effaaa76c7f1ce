import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DevServer, startDevServer } from "@luml/dev-server";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSampleModel, makeSampleModels, type SampleModel } from "../src/make-sample-model.ts";
import { type PageServer, servePage } from "../src/serve-page.ts";
import { listArtifacts } from "./list-artifacts.ts";

const resultsFolder = fileURLToPath(new URL("../test-results", import.meta.url));
let server: DevServer;
let pageServer: PageServer;
let browser: Browser;
let page: Page;
let modelsFolder: string;
let models: SampleModel[];
/** Everything the page sent and received, recorded to check where the key went. */
const traffic = {
  requests: [] as Array<{ url: string; text: string }>,
  responses: [] as Array<Promise<{ url: string; text: string }>>,
};

/** Records every request and response of `context` into `traffic`. */
function recordTraffic(context: BrowserContext): void {
  context.on("request", (request) => {
    const body = request.postDataBuffer()?.toString("latin1") ?? "";
    traffic.requests.push({ url: request.url(), text: JSON.stringify(request.headers()) + body });
  });
  context.on("response", (response) => {
    traffic.responses.push(
      Promise.all([response.allHeaders(), response.body().catch(() => Buffer.alloc(0))]).then(
        ([headers, body]) => ({
          url: response.url(),
          text: JSON.stringify(headers) + body.toString("latin1"),
        }),
      ),
    );
  });
}

/** The seeded world, as the demo passes it to the page server. */
function connection() {
  const { organization, orbits, collections } = server.seeded;
  return {
    baseUrl: server.baseUrl,
    apiKey: server.apiKey,
    organization: organization.name,
    orbits: [orbits.s3.name, orbits.azure.name],
    collection: collections.s3.name,
  };
}

beforeAll(async () => {
  modelsFolder = await mkdtemp(join(tmpdir(), "luml-sample-e2e-"));
  models = await makeSampleModels(modelsFolder, { weightsSize: 4 * 1024 * 1024 });
  server = await startDevServer();
  pageServer = await servePage({ connection: connection() });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  recordTraffic(context);
  page = await context.newPage();
  await page.goto(pageServer.url);
  await page.locator("#empty").waitFor({ state: "visible" });
});

afterAll(async () => {
  await browser?.close();
  await pageServer?.close();
  await server?.stop();
  await rm(modelsFolder, { recursive: true, force: true });
});

/** The model built with that name. */
function model(name: string): SampleModel {
  const found = models.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`No sample model ${name}`);
  return found;
}

/** Picks a file in the page and waits for both progress bars to reach 100%. */
async function upload(path: string): Promise<void> {
  await page.locator("#file").setInputFiles(path);
  await page.waitForFunction(
    () =>
      document.querySelector("#hashing-percent")?.textContent === "100%" &&
      document.querySelector("#uploading-percent")?.textContent === "100%",
  );
}

/** Names of the table's rows, top to bottom. */
async function rowNames(): Promise<string[]> {
  return page
    .locator("#artifacts tbody tr")
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.name ?? ""));
}

describe("the browser page (no API key in it, the default)", () => {
  it("uploads a picked file with progress and lists it with its metrics", async () => {
    await upload(model("churn-tuned").path);
    const row = page.locator('tr[data-name="churn-tuned.fnnx"]');
    await row.waitFor();
    expect(await row.locator('td[data-metric="accuracy"]').textContent()).toBe("0.887");
    expect(await row.locator('td[data-metric="F1"]').textContent()).toBe("0.861");
    // N_SAMPLES is a count, not a metric: it never becomes a column.
    expect(await page.locator('th[data-sort="N_SAMPLES"]').count()).toBe(0);
    expect(await page.locator("#status").textContent()).toContain("✔ Uploaded churn-tuned");

    await mkdir(resultsFolder, { recursive: true });
    await page.screenshot({ path: join(resultsFolder, "page-after-upload.png"), fullPage: true });

    const stored = await listArtifacts(server, "s3");
    expect(stored).toMatchObject([{ name: "churn-tuned.fnnx", status: "uploaded" }]);
  });

  it("downloads an artifact as a file with the uploaded bytes", async () => {
    const row = page.locator('tr[data-name="churn-tuned.fnnx"]');
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      row.getByRole("button", { name: "Download" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("churn-tuned.fnnx");
    const bytes = await readFile(await download.path());
    expect(bytes.length).toBe(model("churn-tuned").size);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(model("churn-tuned").sha256);
  });

  it("sorts by a metric when its header is clicked, and flips on a second click", async () => {
    await upload(model("churn-boosted").path);
    await page.locator('tr[data-name="churn-boosted.fnnx"]').waitFor();
    await upload(model("churn-baseline").path);
    await page.locator('tr[data-name="churn-baseline.fnnx"]').waitFor();

    await page.locator('th[data-sort="accuracy"]').click();
    await page.locator('th[data-sort="accuracy"][aria-sort="descending"]').waitFor();
    expect(await rowNames()).toEqual([
      "churn-boosted.fnnx",
      "churn-tuned.fnnx",
      "churn-baseline.fnnx",
    ]);

    await page.locator('th[data-sort="accuracy"]').click();
    await page.locator('th[data-sort="accuracy"][aria-sort="ascending"]').waitFor();
    expect(await rowNames()).toEqual([
      "churn-baseline.fnnx",
      "churn-tuned.fnnx",
      "churn-boosted.fnnx",
    ]);
  });

  it("deletes an artifact and its row disappears", async () => {
    page.once("dialog", (dialog) => void dialog.accept());
    await page
      .locator('tr[data-name="churn-tuned.fnnx"]')
      .getByRole("button", { name: "Delete" })
      .click();
    await page.locator('tr[data-name="churn-tuned.fnnx"]').waitFor({ state: "detached" });
    expect(await rowNames()).toEqual(["churn-baseline.fnnx", "churn-boosted.fnnx"]);
    const stored = await listArtifacts(server, "s3");
    expect(stored.map((artifact) => artifact.name).sort()).toEqual([
      "churn-baseline.fnnx",
      "churn-boosted.fnnx",
    ]);
  });

  it("shows a readable message, not a stack trace, for a file that is not an artifact", async () => {
    await page.locator("#file").setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("not a model"),
    });
    const error = page.locator("#error");
    await error.waitFor({ state: "visible" });
    const message = (await error.textContent()) ?? "";
    await page.screenshot({ path: join(resultsFolder, "page-error.png") });
    expect(message).toMatch(/^Could not upload notes\.txt: .+/);
    expect(message).not.toMatch(/\n\s+at /);
    expect(message).not.toContain(server.apiKey);
    expect(await listArtifacts(server, "s3")).toHaveLength(2);
  });

  it("switches to the Azure orbit's collection", async () => {
    await page.locator("#orbit").selectOption("Azure Orbit");
    await page.locator("#empty").waitFor({ state: "visible" });
    expect(await page.locator("#error").isHidden()).toBe(true);
    await upload(model("churn-boosted").path);
    await page.locator('tr[data-name="churn-boosted.fnnx"]').waitFor();
    expect(await listArtifacts(server, "azure")).toMatchObject([
      { name: "churn-boosted.fnnx", status: "uploaded" },
    ]);
  });
  it("uploads a file dropped on the drop zone", async () => {
    const dropped = await makeSampleModel(modelsFolder, {
      name: "churn-dropped",
      metrics: { accuracy: 0.5, F1: 0.5, N_SAMPLES: 10 },
      weightsSize: 64 * 1024,
    });
    const bytes = [...(await readFile(dropped.path))];
    const dataTransfer = await page.evaluateHandle(
      ({ bytes, name }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], name));
        return transfer;
      },
      { bytes, name: "churn-dropped.fnnx" },
    );
    await page.dispatchEvent("#dropzone", "drop", { dataTransfer });
    await page.locator('tr[data-name="churn-dropped.fnnx"]').waitFor();
    const stored = await listArtifacts(server, "azure");
    expect(stored.map((artifact) => artifact.name).sort()).toEqual([
      "churn-boosted.fnnx",
      "churn-dropped.fnnx",
    ]);
  });
  it("never held the API key: it talked to the demo's server and to storage only", async () => {
    const config = await (await fetch(new URL("config.json", pageServer.url))).json();
    expect(config.mode).toBe("keyless");
    expect(JSON.stringify(config)).not.toContain(server.apiKey);
    const responses = await Promise.all(traffic.responses);
    // The recording holds real bodies (the check below would see the key in one).
    expect(responses.some((response) => response.text.includes('"churn-boosted.fnnx"'))).toBe(true);
    expect(traffic.requests.filter((request) => request.url.startsWith(server.baseUrl))).toEqual(
      [],
    );
    const seen = [...traffic.requests, ...responses];
    expect(
      seen.filter((item) => item.text.includes(server.apiKey)).map((item) => item.url),
    ).toEqual([]);
  });
});

describe("the browser page with the key in it (--key-in-browser)", () => {
  it("uploads and lists through the API directly", async () => {
    const keyed = await servePage({ connection: connection(), keyInBrowser: true });
    const context = await browser.newContext();
    const requested: string[] = [];
    context.on("request", (request) => requested.push(request.url()));
    try {
      const keyedPage = await context.newPage();
      await keyedPage.goto(keyed.url);
      await keyedPage.locator('body[data-mode="key-in-browser"]').waitFor();
      await keyedPage.locator("#orbit").selectOption("Azure Orbit");
      await keyedPage.locator('tr[data-name="churn-dropped.fnnx"]').waitFor();
      await keyedPage.locator("#file").setInputFiles(model("churn-tuned").path);
      await keyedPage.locator('tr[data-name="churn-tuned.fnnx"]').waitFor();
      expect(await keyedPage.locator("#status").textContent()).toContain("✔ Uploaded churn-tuned");
      expect(requested.some((url) => url.startsWith(`${server.baseUrl}/v1/`))).toBe(true);
      const stored = await listArtifacts(server, "azure");
      expect(stored.find((artifact) => artifact.name === "churn-tuned.fnnx")?.status).toBe(
        "uploaded",
      );
    } finally {
      await context.close();
      await keyed.close();
    }
  });
});
