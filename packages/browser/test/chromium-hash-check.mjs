/**
 * Builds a tiny page that imports @luml/browser with Vite (as a user's app would),
 * serves it, and checks in headless Chromium that the worker hashes a 30 MiB Blob
 * to the digest node:crypto computes, reporting progress in many steps; then the
 * main-thread fallback, the incremental hash and abort. Exits non-zero on failure.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));
const size = 30 * 1024 * 1024;

function patternBytes(length) {
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index++) bytes[index] = (index * 31 + (index >> 13)) & 255;
  return bytes;
}

function check(condition, message) {
  if (!condition) throw new Error(`FAILED: ${message}`);
  console.log(`ok - ${message}`);
}

const outDir = await mkdtemp(join(tmpdir(), "luml-browser-page-"));
let server;
let browser;
try {
  await build({
    root: join(here, "hash-page"),
    logLevel: "warn",
    resolve: { alias: { "@luml/browser": join(here, "..", "dist", "index.js") } },
    build: { outDir, emptyOutDir: true },
  });
  server = createServer(async (request, response) => {
    const path = normalize(join(outDir, new URL(request.url, "http://x").pathname));
    const file = path.endsWith("/") ? join(path, "index.html") : path;
    try {
      const body = await readFile(file);
      const type = extname(file) === ".js" ? "text/javascript" : "text/html";
      response.writeHead(200, { "content-type": type }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;

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
  const page = await browser.newPage();
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(url);
  await page.waitForFunction(() => typeof window.runHash === "function");

  const expected = createHash("sha256").update(patternBytes(size)).digest("hex");

  const inWorker = await page.evaluate((options) => window.runHash(options), {
    size,
    disableWorker: false,
  });
  check(inWorker.inWorker, "the hash ran in a Web Worker");
  check(inWorker.digest === expected, `worker digest ${inWorker.digest} equals node:crypto`);
  check(inWorker.progress.length >= 30, `progress came in ${inWorker.progress.length} steps`);
  check(
    inWorker.progress.every((value, index) => index === 0 || value > inWorker.progress[index - 1]),
    "progress only grows",
  );
  check(inWorker.progress.at(-1) === size, "progress ends at the blob size");
  console.log(
    `  worker: ${Math.round(inWorker.milliseconds)} ms, main-thread timer ticked ${inWorker.ticks} times`,
  );

  const onMain = await page.evaluate((options) => window.runHash(options), {
    size,
    disableWorker: true,
  });
  check(
    !onMain.inWorker && onMain.digest === expected,
    "the main-thread fallback gives the same digest",
  );

  const incremental = await page.evaluate((options) => window.runIncremental(options), {
    size: 3_000_001,
  });
  const expectedSmall = createHash("sha256").update(patternBytes(3_000_001)).digest("hex");
  check(incremental === expectedSmall, "createSha256 fed in odd-sized chunks matches node:crypto");

  const aborted = await page.evaluate((options) => window.runAbort(options), { size });
  check(aborted === "stopped by the page", "an aborted hash rejects with the signal's reason");

  check(pageErrors.length === 0, `no page errors (${pageErrors.join("; ")})`);
} finally {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  await rm(outDir, { recursive: true, force: true });
}
