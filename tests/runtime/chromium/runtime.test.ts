// The behaviour suite in Chromium: Playwright opens the built page and runs each
// case inside it, one reported test per case; then a file of tens of MiB goes
// through a real <input type=file>.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StorageKind, SuiteClient } from "../suite/define-runtime-suite.ts";
import { defineRuntimeSuite } from "../suite/define-runtime-suite.ts";
import { buildModelArchive, sha256Hex } from "../suite/tar-archive.ts";
import { readTestEnvironment } from "../suite/test-environment.ts";
import { launchSuitePage, type SuitePage } from "./launch-suite-page.ts";

const environment = readTestEnvironment((name) => process.env[name]);
const pickedFileSize = 24 * 1024 * 1024;
/**
 * Over loopback a 5 MiB part is sent before Chromium's next progress tick (about
 * every 50 ms), so each part would report once. A link of 16 MiB/s, slow for a
 * disk but fast for a real uplink, lets progress show what a person would see.
 */
const uploadBytesPerSecond = 16 * 1024 * 1024;

// The case names, to register one test per case; the cases themselves run in the page.
const caseNames = defineRuntimeSuite({
  runtime: "chromium",
  environment,
  createClient: () => ({}) as SuiteClient,
  makeSource: () => undefined,
  readDownload: async () => new Uint8Array(),
}).map((runtimeCase) => runtimeCase.name);

let suitePage: SuitePage | undefined;
let page: Page;
let folder: string | undefined;
let pageErrors: string[] = [];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "luml-runtime-chromium-"));
  suitePage = await launchSuitePage(environment);
  page = suitePage.page;
  pageErrors = suitePage.pageErrors;
});

afterAll(async () => {
  await suitePage?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe("chromium", () => {
  for (const name of caseNames) {
    it(name, async () => {
      await page.evaluate((caseName) => window.lumlSuite.run(caseName), name);
      expect(pageErrors).toEqual([]);
    });
  }

  it("refuses an API key in a page unless the caller opts in, without echoing the key", async () => {
    const failure = await page.evaluate(() => window.lumlSuite.clientWithoutOptIn());
    expect(failure?.name).toBe("ConfigurationError");
    expect(failure?.message).toContain("dangerouslyAllowBrowser");
    expect(failure?.message).not.toContain(environment.apiKey);
    expect(failure?.serialized).not.toContain(environment.apiKey);
  });

  for (const kind of ["s3", "azure"] as const satisfies StorageKind[]) {
    it(`${kind}: uploads a ${pickedFileSize / 1024 / 1024} MiB file chosen with <input type=file>, with progress in many steps`, async () => {
      const bytes = buildModelArchive(pickedFileSize - 3 * 1024, { F1: 0.5 });
      const fileName = `picked-${kind}.fnnx`;
      const path = join(folder as string, fileName);
      await writeFile(path, bytes);
      const hash = await sha256Hex(bytes);

      await page.setInputFiles("#picker", path);
      const report = await withUploadThroughput(page, uploadBytesPerSecond, () =>
        page.evaluate(
          ({ storage, expectedHash }) => window.lumlSuite.uploadPicked(storage, expectedHash),
          { storage: kind, expectedHash: hash },
        ),
      );

      expect(report.fileName).toBe(fileName);
      expect(report.size).toBe(bytes.byteLength);
      expect(report.downloadedHash).toBe(hash);
      expect(report.uploadingEvents).toBeGreaterThan(10);
      expect(pageErrors).toEqual([]);
    });
  }

  it("verifies a 128 MiB download on the page's thread and leaves the page its turns", async () => {
    const bytes = buildModelArchive(128 * 1024 * 1024 - 3 * 1024, { F1: 0.5 });
    const path = join(folder as string, "picked-responsive.fnnx");
    await writeFile(path, bytes);
    await page.setInputFiles("#picker", path);
    const report = await page.evaluate(
      ({ expectedHash }) => window.lumlSuite.uploadPicked("s3", expectedHash),
      { expectedHash: await sha256Hex(bytes) },
    );
    // Over loopback the bytes come faster than the page hashes them: read in one go,
    // the stream held the page for a third of the download and more at a time.
    expect(
      report.downloadLongestGap,
      `longest wait of a 1 ms timer: ${report.downloadLongestGap.toFixed(0)} ms in a ${report.downloadMs.toFixed(0)} ms download`,
    ).toBeLessThan(report.downloadMs / 6);
    expect(pageErrors).toEqual([]);
  });

  it("saveArtifact offers the record's file name in the save dialog, and saves the file verified", async () => {
    const report = await page.evaluate(() => window.lumlSuite.saveThroughDialog("s3"));
    // Given the record, the dialog is offered its file name; given an id, no name can
    // be known before the dialog opens (it must open while the click counts).
    expect(report.offered).toHaveLength(2);
    expect(report.offered[0]).toMatch(/^rt-chromium-s3-saved-\w+\.fnnx$/);
    expect(report.offered[1]).toBeUndefined();
    expect(report.verified).toEqual([true, true]);
    expect(pageErrors).toEqual([]);
  });

  it("an upload from a FileSystemFileHandle edited while it uploads is never recorded uploaded", async () => {
    // Slow enough that the edit lands while the bytes are still going out.
    const report = await withUploadThroughput(page, 4 * 1024 * 1024, () =>
      page.evaluate(() => window.lumlSuite.uploadEditedHandle("s3")),
    );
    expect(report.uploaded).toBe(false);
    expect(report.errorCode).toBe("changed");
    expect(report.statuses).toEqual(["upload_failed"]);
    expect(pageErrors).toEqual([]);
  });

  it("in a page whose Content-Security-Policy refuses WebAssembly and blob: workers, uploads a picked file and downloads it verified", async () => {
    const browser = page.context().browser();
    if (!browser) throw new Error("the suite's page has no browser");
    const strict = await browser.newPage();
    const strictErrors: string[] = [];
    strict.on("pageerror", (error) => strictErrors.push(error.message));
    try {
      await strict.goto(`${page.url()}?strict-csp`);
      await strict.waitForFunction(() => typeof window.lumlSuite === "object");
      await strict.evaluate((settings) => window.lumlSuite.configure(settings), environment);
      const wasmRefused = await strict.evaluate(() =>
        WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(
          () => false,
          () => true,
        ),
      );
      expect(wasmRefused).toBe(true);

      const bytes = buildModelArchive(5 * 1024 * 1024, { F1: 0.5 });
      const path = join(folder as string, "picked-strict.fnnx");
      await writeFile(path, bytes);
      const hash = await sha256Hex(bytes);
      await strict.setInputFiles("#picker", path);
      const report = await strict.evaluate(
        ({ expectedHash }) => window.lumlSuite.uploadPicked("s3", expectedHash),
        { expectedHash: hash },
      );
      expect(report.size).toBe(bytes.byteLength);
      expect(report.downloadedHash).toBe(hash);
      expect(strictErrors).toEqual([]);
    } finally {
      await strict.close();
    }
  });
});

/** Runs `action` with the page's upload throughput limited through the DevTools protocol. */
async function withUploadThroughput<T>(
  target: Page,
  bytesPerSecond: number,
  action: () => Promise<T>,
): Promise<T> {
  const session = await target.context().newCDPSession(target);
  const conditions = { offline: false, latency: 0, downloadThroughput: -1 };
  await session.send("Network.enable");
  await session.send("Network.emulateNetworkConditions", {
    ...conditions,
    uploadThroughput: bytesPerSecond,
  });
  try {
    return await action();
  } finally {
    await session.send("Network.emulateNetworkConditions", { ...conditions, uploadThroughput: -1 });
    await session.detach();
  }
}
