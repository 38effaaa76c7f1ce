import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { type DevServer, startDevServer } from "@luml/dev-server";
import { type ArtifactManifest, indexArchive, LumlClient } from "@luml/node";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chromiumLaunchOptions } from "../../../tests/support/chromium.mjs";
import { makeSampleModel, makeSampleModels, type SampleModel } from "../src/make-sample-model.ts";
import { type PageServer, servePage } from "../src/serve-page.ts";
import { listArtifacts } from "./list-artifacts.ts";

const resultsFolder = fileURLToPath(new URL("../test-results", import.meta.url));
/** Every wait of the page may take this long: hashing and uploading share 2 busy cores. */
const pageTimeout = 60_000;
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
/** Contexts recording a trace; a failed test keeps theirs, a passed one drops it. */
const traced = new Set<BrowserContext>();
/** What each accessibility audit found, by impact, printed at the end. */
const audits: Array<{ label: string; byImpact: Record<string, string[]> }> = [];

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

/** Starts recording `context` (DOM snapshots and screenshots) for the current test. */
async function trace(context: BrowserContext): Promise<void> {
  await context.tracing.start({ screenshots: true, snapshots: true });
  await context.tracing.startChunk();
  traced.add(context);
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
  for (const name of ["churn-failed", "churn-cancelled", "churn-pending"]) {
    models.push(
      await makeSampleModel(modelsFolder, {
        name,
        metrics: { accuracy: 0.6, F1: 0.6, N_SAMPLES: 10 },
        weightsSize: 64 * 1024,
      }),
    );
  }
  server = await startDevServer({ faults: true });
  pageServer = await servePage({ connection: connection() });
  browser = await chromium.launch(chromiumLaunchOptions);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(pageTimeout);
  recordTraffic(context);
  await context.tracing.start({ screenshots: true, snapshots: true });
  traced.add(context);
  page = await context.newPage();
  await page.goto(pageServer.url);
  await page.locator("#empty").waitFor({ state: "visible" });
  await mkdir(resultsFolder, { recursive: true });
});

beforeEach(async () => {
  for (const context of traced) await context.tracing.startChunk();
});

/** A failed test leaves `test-results/<test>.trace.zip` and a screenshot of each of its pages. */
afterEach(async ({ task }) => {
  const failed = task.result?.state === "fail";
  const name = task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 80);
  let index = 0;
  for (const context of traced) {
    const suffix = index === 0 ? "" : `-${index}`;
    index += 1;
    if (failed) {
      await context.tracing.stopChunk({ path: join(resultsFolder, `${name}${suffix}.trace.zip`) });
      for (const [pageIndex, open] of context.pages().entries()) {
        await open
          .screenshot({ path: join(resultsFolder, `${name}${suffix}-${pageIndex}.failed.png`) })
          .catch(() => undefined);
      }
    } else await context.tracing.stopChunk();
  }
  // Contexts a test opened are closed once their trace is saved.
  for (const context of [...traced].slice(1)) {
    traced.delete(context);
    await context.close();
  }
  server.faults.clear();
});

afterAll(async () => {
  for (const { label, byImpact } of audits) {
    console.log(`axe ${label}: ${JSON.stringify(byImpact)}`);
  }
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

/** Waits for the upload of `name` to succeed: both bars full, the result announced. */
async function uploaded(name: string, on: Page = page): Promise<void> {
  await on
    .locator("#status", { hasText: `✔ Uploaded ${name}` })
    .waitFor({ timeout: pageTimeout * 2 });
  expect(await on.locator("#hashing-percent").textContent()).toBe("100%");
  expect(await on.locator("#uploading-percent").textContent()).toBe("100%");
  // The table is reloaded after each upload.
  await on.locator(`tr[data-name="${name}.fnnx"]`).waitFor();
}

/** Picks a file in the page and waits until it is uploaded and listed. */
async function upload(path: string, name: string): Promise<void> {
  await page.locator("#file").setInputFiles(path);
  await uploaded(name);
}

/** Names of the table's rows, top to bottom. */
async function rowNames(): Promise<string[]> {
  return page
    .locator("#artifacts tbody tr")
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.name ?? ""));
}

/** Screenshots of the whole page at a desktop and a phone width; neither scrolls sideways. */
async function screenshots(state: string): Promise<void> {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow, `the page is wider than ${width} px`).toBeLessThanOrEqual(width);
    await page.screenshot({
      path: join(resultsFolder, `page-${state}-${width}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Runs axe on the page as it is: no serious or critical violation. */
async function audit(label: string): Promise<void> {
  const { violations, passes } = await new AxeBuilder({ page }).analyze();
  // axe ran its rules on this page (the table, the upload form, the live regions).
  expect(passes.length).toBeGreaterThan(10);
  const byImpact: Record<string, string[]> = {};
  for (const violation of violations) {
    const impact = violation.impact ?? "unknown";
    byImpact[impact] = [...(byImpact[impact] ?? []), `${violation.id} (${violation.nodes.length})`];
  }
  audits.push({ label, byImpact });
  await writeFile(join(resultsFolder, `axe-${label}.json`), JSON.stringify(violations, null, 2));
  const grave = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help}`);
  expect(grave).toEqual([]);
}

/** Where the keyboard is: the focused element's id, or its text. */
async function focused(): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return active?.id || active?.textContent || "";
  });
}

describe("the browser page (no API key in it, the default)", () => {
  it("shows no progress bar, Cancel button nor message before any upload, and passes axe", async () => {
    expect(await page.locator("#progress").isVisible()).toBe(false);
    expect(await page.locator("#cancel").isVisible()).toBe(false);
    expect(await page.locator("#status").textContent()).toBe("");
    expect(await page.locator("#error").isVisible()).toBe(false);
    await screenshots("before-upload");
    await audit("before-upload");
  });

  it("loads with nothing failing: no console error, no request refused or answered with an error", async () => {
    // A browser of its own: Chromium asks for the site's icon once per browser, not per page.
    const own = await chromium.launch(chromiumLaunchOptions);
    const context = await own.newContext();
    context.setDefaultTimeout(pageTimeout);
    const problems: string[] = [];
    const fresh = await context.newPage();
    fresh.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    fresh.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    fresh.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
    fresh.on("response", (response) => {
      if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
    });
    try {
      await fresh.goto(pageServer.url);
      await fresh.locator('#artifacts[aria-busy="false"]').waitFor();
      await fresh.waitForLoadState("networkidle");
      expect(problems).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it("uploads with the keyboard alone: Tab to the button, Enter opens the file chooser", async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let tab = 0; tab < 5 && (await focused()) !== "choose"; tab += 1) {
      await page.keyboard.press("Tab");
    }
    expect(await focused()).toBe("choose");
    // The focus is visible.
    const outline = await page
      .locator("#choose")
      .evaluate((button) => getComputedStyle(button).outlineStyle);
    expect(outline).not.toBe("none");

    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.keyboard.press("Enter"),
    ]);
    await chooser.setFiles(model("churn-tuned").path);
    await uploaded("churn-tuned");
    const row = page.locator('tr[data-name="churn-tuned.fnnx"]');
    expect(await row.locator('td[data-metric="accuracy"]').textContent()).toBe("0.887");
    expect(await row.locator('td[data-metric="F1"]').textContent()).toBe("0.861");
    expect(await row.locator('td[data-column="status"]').textContent()).toBe("Uploaded");
    // N_SAMPLES is a count, not a metric: it never becomes a column.
    expect(await page.locator('th[data-sort="N_SAMPLES"]').count()).toBe(0);
    // Cancel is there only while an upload runs.
    expect(await page.locator("#cancel").isVisible()).toBe(false);

    await screenshots("after-upload");
    await audit("after-upload");
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

  it("downloads a 20 MiB model byte for byte, streamed by the demo's server as the SDK verifies it", async () => {
    // Above 16 MiB the server's download hashes on a worker thread, which takes each
    // buffer once written: the stream to the page must hold its own copy.
    const large = await makeSampleModel(modelsFolder, {
      name: "churn-large",
      metrics: { accuracy: 0.7, F1: 0.7, N_SAMPLES: 10 },
      weightsSize: 20 * 1024 * 1024,
    });
    await upload(large.path, large.name);
    const row = page.locator(`tr[data-name="${large.name}.fnnx"]`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      row.getByRole("button", { name: "Download" }).click(),
    ]);
    const bytes = await readFile(await download.path());
    expect(bytes.length).toBe(large.size);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(large.sha256);
    // Deleted again: the cases below expect the table without it.
    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Delete" }).click();
    await row.waitFor({ state: "detached" });
  });

  it("sorts by a metric from its header button, by mouse or keyboard, and flips on a second press", async () => {
    await upload(model("churn-boosted").path, "churn-boosted");
    await upload(model("churn-baseline").path, "churn-baseline");

    await page.locator('th[data-sort="accuracy"] button').click();
    await page.locator('th[data-sort="accuracy"][aria-sort="descending"]').waitFor();
    await page.locator('#artifacts[aria-busy="false"]').waitFor();
    expect(await rowNames()).toEqual([
      "churn-boosted.fnnx",
      "churn-tuned.fnnx",
      "churn-baseline.fnnx",
    ]);
    // The header is drawn anew; the keyboard stays on the column's button.
    await page.locator('th[data-sort="accuracy"] button:focus').waitFor();

    await page.keyboard.press("Enter");
    await page.locator('th[data-sort="accuracy"][aria-sort="ascending"]').waitFor();
    await page.locator('#artifacts[aria-busy="false"]').waitFor();
    expect(await rowNames()).toEqual([
      "churn-baseline.fnnx",
      "churn-tuned.fnnx",
      "churn-boosted.fnnx",
    ]);
    // Only the sorted column carries aria-sort.
    expect(await page.locator("th[aria-sort]").count()).toBe(1);
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

  it("shows a readable message for a file that is not an artifact, and nothing of the last upload", async () => {
    // The bars of the last upload are still full, a line says what was done last.
    expect(await page.locator("#hashing-percent").textContent()).toBe("100%");
    expect(await page.locator("#status").textContent()).not.toBe("");

    await page.locator("#file").setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("not a model"),
    });
    const error = page.locator("#error");
    await error.waitFor({ state: "visible" });
    const message = (await error.textContent()) ?? "";
    expect(message).toMatch(/^Could not upload notes\.txt: .+/);
    expect(message).not.toMatch(/\n\s+at /);
    expect(message).not.toContain(server.apiKey);
    // The bars of the upload before are gone, and so is its line.
    expect(await page.locator("#progress").isVisible()).toBe(false);
    expect(
      await page.locator("#hashing").evaluate((bar) => (bar as HTMLProgressElement).value),
    ).toBe(0);
    expect(await page.locator("#status").textContent()).toBe("");
    expect(await listArtifacts(server, "s3")).toHaveLength(2);
  });

  it("after a failed storage upload: empty bars, one error line, the record marked and not downloadable", async () => {
    server.faults.add({ target: "s3", method: "PUT", path: ".", action: { status: 403 } });
    await page.locator("#file").setInputFiles(model("churn-failed").path);
    const error = page.locator("#error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toMatch(
      /^Could not upload churn-failed\.fnnx: .+ Its record is marked upload_failed\.$/,
    );
    expect(await error.textContent()).not.toContain("abortUpload");
    expect(await page.locator("#progress").isVisible()).toBe(false);
    expect(await page.locator("#uploading-percent").textContent()).toBe("0%");
    expect(await page.locator("#status").textContent()).toBe("");

    const row = page.locator('tr[data-name="churn-failed.fnnx"][data-status="upload_failed"]');
    await row.waitFor();
    expect(await row.locator('td[data-column="status"]').textContent()).toBe("Upload failed");
    expect(await row.getByRole("button", { name: "Download" }).count()).toBe(0);
    expect(await row.getByRole("button", { name: "Delete" }).count()).toBe(1);
    expect(
      (await listArtifacts(server, "s3")).find((artifact) => artifact.name === "churn-failed.fnnx")
        ?.status,
    ).toBe("upload_failed");

    await screenshots("after-failed-upload");
    await audit("after-failed-upload");
  });

  it("cancels an upload under way: the record ends upload_failed and the bars are reset", async () => {
    // Storage never answers: the upload hangs until it is cancelled.
    server.faults.add({ target: "s3", method: "PUT", path: ".", action: { stall: "request" } });
    await page.locator("#file").setInputFiles(model("churn-cancelled").path);
    const cancel = page.locator("#cancel");
    await cancel.waitFor({ state: "visible" });
    // The bytes are on their way (the record exists) when Cancel is pressed.
    await expect.poll(() => server.faults.list()[0]?.fired, { timeout: pageTimeout }).toBe(1);

    await cancel.focus();
    await page.keyboard.press("Enter");
    await page
      .locator("#status", { hasText: "Cancelled the upload of churn-cancelled.fnnx" })
      .waitFor();
    expect(await page.locator("#progress").isVisible()).toBe(false);
    expect(await page.locator("#error").isVisible()).toBe(false);
    // The keyboard is back on the button that starts the next upload.
    expect(await focused()).toBe("choose");

    const row = page.locator('tr[data-name="churn-cancelled.fnnx"][data-status="upload_failed"]');
    await row.waitFor();
    expect(await row.getByRole("button", { name: "Download" }).count()).toBe(0);
    expect(
      (await listArtifacts(server, "s3")).find(
        (artifact) => artifact.name === "churn-cancelled.fnnx",
      )?.status,
    ).toBe("upload_failed");
  });

  it("marks a pending_upload record in the status column, without a Download button", async () => {
    const { organization, orbits, collections } = server.seeded;
    const luml = await LumlClient.create({
      apiKey: server.apiKey,
      baseUrl: server.baseUrl,
      organization: organization.name,
      orbit: orbits.s3.name,
      collection: collections.s3.name,
    });
    const pending = model("churn-pending");
    const bytes = await readFile(pending.path);
    const index = await indexArchive(new Blob([bytes]), { fileName: "churn-pending.fnnx" });
    await luml.artifacts.beginUpload({
      file_name: "churn-pending.fnnx",
      size: pending.size,
      file_hash: pending.sha256,
      file_index: index.file_index,
      manifest: index.manifest as unknown as ArtifactManifest,
      extra_values: index.extra_values,
    });

    await page.reload();
    const row = page.locator('tr[data-name="churn-pending.fnnx"]');
    await row.waitFor();
    expect(await row.getAttribute("data-status")).toBe("pending_upload");
    expect(await row.locator('td[data-column="status"] .state-warn').textContent()).toBe(
      "Pending upload",
    );
    expect(await row.getByRole("button", { name: "Download" }).count()).toBe(0);
    const good = page.locator('tr[data-name="churn-boosted.fnnx"]');
    expect(await good.getByRole("button", { name: "Download" }).count()).toBe(1);
    expect(await good.locator(".state-warn").count()).toBe(0);
    await audit("with-failed-and-pending-records");
  });

  it("switches to the Azure orbit's collection", async () => {
    await page.locator("#orbit").selectOption("Azure Orbit");
    await page.locator("#empty").waitFor({ state: "visible" });
    expect(await page.locator("#error").isHidden()).toBe(true);
    await upload(model("churn-boosted").path, "churn-boosted");
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
    await uploaded("churn-dropped");
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
    try {
      const context = await browser.newContext();
      context.setDefaultTimeout(pageTimeout);
      await trace(context);
      const requested: string[] = [];
      context.on("request", (request) => requested.push(request.url()));
      const keyedPage = await context.newPage();
      await keyedPage.goto(keyed.url);
      await keyedPage.locator('body[data-mode="key-in-browser"]').waitFor();
      // The S3 orbit's list is loaded first, so it cannot land after the Azure one.
      await keyedPage.locator('#artifacts[aria-busy="false"]').waitFor();
      await keyedPage.locator("#orbit").selectOption("Azure Orbit");
      await keyedPage
        .locator('body[data-orbit="Azure Orbit"] #artifacts[aria-busy="false"]')
        .waitFor();
      await keyedPage.locator('tr[data-name="churn-dropped.fnnx"]').waitFor();
      await keyedPage.locator("#file").setInputFiles(model("churn-tuned").path);
      await uploaded("churn-tuned", keyedPage);
      expect(requested.some((url) => url.startsWith(`${server.baseUrl}/v1/`))).toBe(true);
      const stored = await listArtifacts(server, "azure");
      expect(stored.find((artifact) => artifact.name === "churn-tuned.fnnx")?.status).toBe(
        "uploaded",
      );
    } finally {
      await keyed.close();
    }
  });
});
