/**
 * The example end to end, as a person would use it: the page built with Vite and
 * served by the example's server (which holds the key), opened in the system
 * Chromium, a file chosen through the real `<input type=file>`, uploaded to the
 * dev server's S3 and Azure storages. Every request the page makes and every
 * response it receives is recorded, to show the API key never reaches it.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DevServer, startDevServer } from "@luml/dev-server";
import { indexArchive, LumlClient } from "@luml/node";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildModelArchive } from "../../../tests/runtime/suite/tar-archive.ts";
import { chromiumLaunchOptions } from "../../../tests/support/chromium.mjs";
import { seededClientOptions } from "../../_shared/harness.ts";
import { startExampleServer } from "../server.mjs";

type Storage = "s3" | "azure";
const mebibyte = 1024 * 1024;
let dev: DevServer;
let folder: string;
let browser: Browser;
const examples = {} as Record<Storage, { url: string; luml: LumlClient; close(): Promise<void> }>;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "luml-keyless-example-"));
  const pageDirectory = join(folder, "page");
  await build({
    configFile: fileURLToPath(new URL("../vite.config.mjs", import.meta.url)),
    build: { outDir: pageDirectory, emptyOutDir: true },
  });
  dev = await startDevServer({
    faults: true,
    multipartThreshold: 6 * mebibyte,
    partSize: 5 * mebibyte,
  });
  for (const storage of ["s3", "azure"] as const) {
    const luml = await LumlClient.create(seededClientOptions(dev, storage));
    examples[storage] = { luml, ...(await startExampleServer({ luml, pageDirectory })) };
  }
  browser = await chromium.launch(chromiumLaunchOptions);
});

afterAll(async () => {
  await browser?.close();
  for (const example of Object.values(examples)) await example.close();
  await dev?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

afterEach(() => dev.faults.clear());

/** What crossed the wire between the page and anything else. */
interface Traffic {
  requests: Array<{ url: string; method: string; headers: Record<string, string>; body: string }>;
  responses: Array<{ url: string; headers: Record<string, string>; body: Buffer }>;
}

/** A fresh browser context on the example, recording all its traffic. */
async function openExample(storage: Storage): Promise<{
  page: Page;
  context: BrowserContext;
  traffic: () => Promise<Traffic>;
}> {
  const context = await browser.newContext();
  const requests: Traffic["requests"] = [];
  const reads: Array<Promise<Traffic["responses"][number]>> = [];
  context.on("request", (request) => {
    requests.push({
      url: request.url(),
      method: request.method(),
      headers: request.headers(),
      body: request.postDataBuffer()?.toString("latin1") ?? "",
    });
  });
  context.on("response", (response) => {
    reads.push(
      response
        .body()
        .catch(() => Buffer.alloc(0))
        .then(async (body) => ({
          url: response.url(),
          headers: await response.allHeaders(),
          body,
        })),
    );
  });
  const page = await context.newPage();
  await page.goto(examples[storage].url);
  return {
    page,
    context,
    traffic: async () => ({ requests, responses: await Promise.all(reads) }),
  };
}

/** Writes a model archive of about `size` bytes to disk; returns its path and sha256. */
async function modelFile(name: string, size: number) {
  const bytes = buildModelArchive(size, { F1: 0.8, accuracy: 0.9 });
  const path = join(folder, name);
  await writeFile(path, bytes);
  return { path, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** Waits until the page says how the upload ended; returns what it says. */
async function outcome(page: Page) {
  const status = page.locator('#status:not([data-outcome=""])');
  await status.waitFor({ timeout: 60_000 });
  return {
    outcome: await status.getAttribute("data-outcome"),
    artifactId: (await status.getAttribute("data-artifact-id")) ?? "",
    text: (await status.textContent()) ?? "",
  };
}

describe.each([
  { storage: "s3" as const, size: 12 * mebibyte + 100, parts: 3 },
  { storage: "azure" as const, size: 12 * mebibyte + 100, parts: 3 },
  { storage: "s3" as const, size: 300 * 1024, parts: 1 },
  { storage: "azure" as const, size: 300 * 1024, parts: 1 },
])("the example on $storage, a $parts-part upload", ({ storage, size, parts }) => {
  it("uploads a picked file key-less: the record is uploaded, its bytes verified, the key never in the page", async () => {
    const file = await modelFile(`keyless-${storage}-${parts}.fnnx`, size);
    const { page, context, traffic } = await openExample(storage);
    await page.locator("#file").setInputFiles(file.path);
    const result = await outcome(page);
    expect(result).toMatchObject({
      outcome: "uploaded",
      text: expect.stringContaining("Uploaded"),
    });
    expect(await page.locator("#progress").evaluate((bar: HTMLProgressElement) => bar.value)).toBe(
      1,
    );

    const { luml } = examples[storage];
    const record = await luml.artifacts.get(result.artifactId);
    expect(record).toMatchObject({
      status: "uploaded",
      size: file.size,
      file_hash: file.sha256,
      extra_values: { F1: 0.8, accuracy: 0.9 },
    });
    const copy = join(folder, `copy-${storage}-${parts}.fnnx`);
    await luml.artifacts.download(result.artifactId, { to: copy });
    expect(
      createHash("sha256")
        .update(await readFile(copy))
        .digest("hex"),
    ).toBe(file.sha256);

    const { requests, responses } = await traffic();
    await context.close();
    // The page talked to its own server and to storage, never to the LUML API.
    expect(requests.filter((request) => request.url.startsWith(dev.baseUrl))).toEqual([]);
    const puts = requests.filter((request) => request.method === "PUT");
    expect(puts).toHaveLength(parts);
    // The recording saw the plan's reply (the check below reads real bodies).
    expect(responses.some((response) => response.body.includes(result.artifactId))).toBe(true);
    const seen = [
      ...requests.map((request) => JSON.stringify(request)),
      ...responses.map(
        (response) => JSON.stringify(response.headers) + response.body.toString("latin1"),
      ),
    ];
    expect(seen.filter((text) => text.includes(dev.apiKey))).toEqual([]);
  });
});

describe("the example's failures", () => {
  it("cancelling while the bytes go up marks the record upload_failed", async () => {
    const file = await modelFile("keyless-cancel.fnnx", 12 * mebibyte);
    dev.faults.add({
      target: "s3",
      method: "PUT",
      path: ".",
      times: 100,
      action: { stall: "request" },
    });
    const { page, context } = await openExample("s3");
    await page.locator("#file").setInputFiles(file.path);
    await page.locator('#progress[data-phase="uploading"]').waitFor();
    await page.locator("#cancel").click();
    const result = await outcome(page);
    await context.close();
    expect(result).toMatchObject({ outcome: "cancelled", text: "Cancelled" });
    const record = await examples.s3.luml.artifacts.get(result.artifactId);
    expect(record?.status).toBe("upload_failed");
  });

  it("a file that is not an artifact is refused in the page, before the server hears of it", async () => {
    const { page, context, traffic } = await openExample("azure");
    await page.locator("#file").setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("not a model"),
    });
    const result = await outcome(page);
    const { requests } = await traffic();
    await context.close();
    expect(result.outcome).toBe("failed");
    expect(result.text).toMatch(/^Upload failed: .*\.txt.*artifact files are/);
    expect(requests.filter((request) => request.method === "POST")).toEqual([]);
  });

  it("the server completes and aborts only uploads it began", async () => {
    const { prepared, plan } = await beginDirectly();
    expect(plan.artifactId).toMatch(/\S/);
    const stranger = "0190a0a0-0000-7000-8000-000000000000";
    for (const action of ["complete", "abort"]) {
      const response = await post(`uploads/${stranger}/${action}`, {});
      expect(response.status).toBe(404);
    }
    // Not JSON: refused (a cross-site form could send this without a preflight).
    const form = await fetch(new URL(`uploads/${plan.artifactId}/abort`, examples.s3.url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expect(form.status).toBe(415);
    expect((await examples.s3.luml.artifacts.get(plan.artifactId))?.status).toBe("pending_upload");
    const aborted = await post(`uploads/${plan.artifactId}/abort`, {});
    expect(aborted.status).toBe(200);
    expect((await aborted.json()).status).toBe("upload_failed");
    expect(prepared.file_name).toMatch(/\.fnnx$/);
  });
});

/** Begins an upload by posting to the example as its page would, from here. */
async function beginDirectly() {
  const bytes = buildModelArchive(2048, {});
  const prepared = {
    file_name: `direct-${Date.now()}.fnnx`,
    size: bytes.length,
    file_hash: createHash("sha256").update(bytes).digest("hex"),
    ...(await indexArchive(new Blob([bytes as Uint8Array<ArrayBuffer>]))),
  };
  const response = await post("uploads", { prepared });
  expect(response.status).toBe(200);
  return { prepared, plan: (await response.json()) as { artifactId: string } };
}

function post(path: string, body: unknown): Promise<Response> {
  return fetch(new URL(path, examples.s3.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
