/**
 * The page built with Vite as a user builds it (the LUML_* variables of the
 * environment point it at a dev server), served by `vite preview`, driven in the
 * system Chromium: it lists the collection best F1 first, and uploads a file picked
 * through the real `<input type=file>`.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DevServer, startDevServer } from "@luml/dev-server";
import { LumlClient } from "@luml/node";
import { type Browser, chromium, type Page } from "playwright-core";
import { build, type PreviewServer, preview } from "vite";
import { afterAll, beforeAll, expect, it } from "vitest";
import { chromiumLaunchOptions } from "../../../tests/support/chromium.mjs";
import {
  lumlEnvironment,
  makeSampleModels,
  type SampleModel,
  seededClientOptions,
} from "../../_shared/harness.ts";

const configFile = fileURLToPath(new URL("../vite.config.mjs", import.meta.url));
let dev: DevServer;
let folder: string;
let models: Record<string, SampleModel>;
let luml: LumlClient;
let server: PreviewServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "luml-example-browser-"));
  dev = await startDevServer();
  const made = await makeSampleModels(join(folder, "models"), { weightsSize: 512 * 1024 });
  models = Object.fromEntries(made.map((model) => [model.name, model]));
  luml = await LumlClient.create(seededClientOptions(dev));
  // Two models are there before the page opens; the third is uploaded through it.
  for (const name of ["churn-baseline", "churn-tuned"]) {
    await luml.artifacts.upload(models[name]?.path ?? "");
  }

  // `LUML_… vite build`: the variables are read from the environment of the build.
  const outDir = join(folder, "dist");
  const saved = { ...process.env };
  Object.assign(process.env, lumlEnvironment(dev));
  try {
    await build({ configFile, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  } finally {
    for (const name of Object.keys(lumlEnvironment(dev))) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
  server = await preview({
    configFile,
    logLevel: "warn",
    build: { outDir },
    preview: { host: "127.0.0.1", port: 0 },
  });
  browser = await chromium.launch(chromiumLaunchOptions);
  page = await browser.newPage();
  await page.goto(server.resolvedUrls?.local[0] ?? "");
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await dev?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** The names in the table, top to bottom, once it lists `count` models. */
async function listed(count: number): Promise<string[]> {
  await page.locator(`#caption[data-count="${count}"]`).waitFor({ timeout: 30_000 });
  return page.locator("#models tr td:first-child").allTextContents();
}

it("lists the collection's models, best F1 first", async () => {
  expect(await listed(2)).toEqual(["churn-tuned.fnnx", "churn-baseline.fnnx"]);
});

it("uploads a picked file with progress; the record is uploaded with the file's sha256 and tops the list", async () => {
  const model = models["churn-boosted"];
  await page.locator("#file").setInputFiles(model?.path ?? "");
  await page.locator('#progress[data-phase="uploading"]').waitFor();
  const status = page.locator('#status:not([data-outcome=""])');
  await status.waitFor({ timeout: 60_000 });
  expect(await status.getAttribute("data-outcome"), (await status.textContent()) ?? "").toBe(
    "uploaded",
  );
  expect(await status.textContent()).toBe("Uploaded churn-boosted.fnnx: F1 0.912");
  expect(await listed(3)).toEqual([
    "churn-boosted.fnnx",
    "churn-tuned.fnnx",
    "churn-baseline.fnnx",
  ]);

  const artifact = await luml.artifacts.get((await status.getAttribute("data-artifact-id")) ?? "");
  expect(artifact).toMatchObject({
    status: "uploaded",
    file_hash: model?.sha256,
    size: model?.size,
  });
  const copy = await luml.artifacts.download(artifact?.id ?? "", { to: join(folder, "copy.fnnx") });
  expect(copy.file_hash).toBe(model?.sha256);
});

it("says why a file that is not a model archive is refused", async () => {
  const notAModel = join(folder, "notes.fnnx");
  await writeFile(notAModel, "not a tar archive");
  await page.locator("#file").setInputFiles(notAModel);
  const status = page.locator('#status[data-outcome="failed"]');
  await status.waitFor({ timeout: 30_000 });
  expect(await status.textContent()).toMatch(/^Upload failed: .+/);
  expect(await listed(3)).toHaveLength(3);
});
