#!/usr/bin/env node
// Smoke test of what would be published: packs every runtime package, installs the
// tarballs with npm into a fresh project outside the workspace, and uses them the way
// users do: Node ESM, Node CJS, strict TypeScript (node16, nodenext, bundler), a Vite
// browser build, Deno and Bun, each against a local dev server, and the `luml`
// command from the packed @luml/cli. Prints one line per
// target, what ran and what could not run yet, then "smoke: N passed, N failed".
// Usage: node tests/smoke/run.mjs [--build] [--keep]
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { tinyModel } from "./tiny-model.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = fileURLToPath(new URL("./fixtures", import.meta.url));
const bin = (name) => join(root, "node_modules", ".bin", name);
const runtimePackages = ["core", "node", "browser", "deno"];
/** Packed and installed too, but a command rather than a module to import. */
const commandPackages = ["cli"];
const timeoutMs = 180_000;

/**
 * Runs a command; resolves with its exit code, its combined output as text, and
 * its stdout as bytes and stderr as text (never rejects).
 */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let stderr = "";
    const stdout = [];
    child.stdout.on("data", (chunk) => {
      stdout.push(chunk);
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk.toString();
      output += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeout ?? timeoutMs);
    child.on("error", (error) => {
      output += String(error);
      stderr += String(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const status = code ?? (signal ? 128 : 1);
      resolve({ code: status, output, stdout: Buffer.concat(stdout), stderr });
    });
  });
}

/** Packs the runtime packages and the CLI (pnpm rewrites workspace:* to versions) into `directory`. */
async function packAll(directory) {
  const tarballs = [];
  for (const name of [...runtimePackages, ...commandPackages]) {
    const packed = await run(bin("pnpm"), ["pack", "--pack-destination", directory], {
      cwd: join(root, "packages", name),
    });
    const tarball = packed.output.split("\n").find((line) => line.trim().endsWith(".tgz"));
    if (packed.code !== 0 || !tarball)
      throw new Error(`pnpm pack packages/${name} failed:\n${packed.output}`);
    tarballs.push(tarball.trim());
  }
  return tarballs;
}

/** Creates the consumer project and installs the tarballs into it with npm. */
async function createProject(directory, tarballs) {
  await mkdir(directory, { recursive: true });
  const manifest = { name: "luml-smoke-consumer", private: true, type: "module" };
  await writeFile(join(directory, "package.json"), JSON.stringify(manifest, null, 2));
  const installed = await run(
    "npm",
    ["install", ...tarballs, "@types/node@^20.19.0", "--no-audit", "--no-fund", "--prefer-offline"],
    { cwd: directory, timeout: 300_000 },
  );
  if (installed.code !== 0)
    throw new Error(`npm install of the tarballs failed:\n${installed.output}`);
  await cp(fixtures, directory, { recursive: true });
  await writeFile(join(directory, "smoke.fnnx"), tinyModel());
}

/** Starts the workspace dev server when its build exports `startDevServer`. */
async function startServer() {
  const entry = join(root, "packages", "dev-server", "dist", "index.js");
  if (!existsSync(entry)) return { reason: "packages/dev-server is not built" };
  const devServer = await import(pathToFileURL(entry).href);
  if (typeof devServer.startDevServer !== "function") {
    return { reason: "@luml/dev-server does not export startDevServer yet" };
  }
  return { server: await devServer.startDevServer({}) };
}

/** The environment every target gets: where the API is and which seeded ids to use. */
function targetEnv(server, project) {
  const env = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
  for (const key of Object.keys(env)) if (key.startsWith("LUML_")) delete env[key];
  env.LUML_SMOKE_MODEL_PATH = join(project, "smoke.fnnx");
  if (!server) return env;
  return {
    ...env,
    LUML_BASE_URL: server.baseUrl,
    LUML_API_KEY: server.apiKey,
    LUML_SMOKE_ORGANIZATION_ID: server.seeded.organization.id,
    LUML_SMOKE_ORBIT_ID: server.seeded.orbits.s3.id,
    LUML_SMOKE_COLLECTION_ID: server.seeded.collections.s3.id,
  };
}

/** Reads the SMOKE_RESULT line a scenario prints. */
function parseResult(output) {
  const line = output.split("\n").find((text) => text.startsWith("SMOKE_RESULT "));
  return line ? JSON.parse(line.slice("SMOKE_RESULT ".length)) : undefined;
}

/** Runs a scenario script; fails on a non-zero exit, a missing result or a leaked key. */
async function scenarioTarget(command, args, context) {
  const result = await run(command, args, { cwd: context.project, env: context.env });
  const leaked = context.env.LUML_API_KEY && result.output.includes(context.env.LUML_API_KEY);
  const parsed = parseResult(result.output);
  if (result.code !== 0 || !parsed || leaked) {
    const why = leaked ? "the API key appeared in the output" : `exit ${result.code}`;
    return { ok: false, detail: why, output: result.output };
  }
  return { ok: true, ...parsed };
}

/** Runtime export names of each installed package, as Node sees them. */
async function runtimeExports(project) {
  const script = `const names = {};
for (const name of ${JSON.stringify(runtimePackages)}) {
  try { names[name] = Object.keys(await import("@luml/" + name)); } catch (error) { names[name] = []; }
}
console.log(JSON.stringify(names));`;
  const result = await run(process.execPath, ["--input-type=module", "-e", script], {
    cwd: project,
  });
  return JSON.parse(result.output.trim().split("\n").pop());
}

/** Type-checks a consumer that names every runtime export, under one module resolution. */
async function typecheckTarget(context, resolution) {
  const names = await runtimeExports(context.project);
  const identifier = (text) => text.replace(/[^A-Za-z0-9_]/g, "_");
  const lines = runtimePackages.map(
    (name) => `import * as ${identifier(name)} from "@luml/${name}";`,
  );
  for (const name of runtimePackages) {
    lines.push(`export type Module_${identifier(name)} = typeof ${identifier(name)};`);
    // A runtime export missing from the .d.ts fails here.
    for (const exported of names[name]) {
      lines.push(
        `export type ${identifier(name)}_${exported} = typeof ${identifier(name)}.${exported};`,
      );
    }
  }
  await writeFile(join(context.project, "check-esm.mts"), `${lines.join("\n")}\n`);
  const cjs = ["core", "node"].map(
    (name) => `import ${identifier(name)} = require("@luml/${name}");`,
  );
  cjs.push(
    ...["core", "node"].map((name) => `export type Cjs_${name} = typeof ${identifier(name)};`),
  );
  await writeFile(join(context.project, "check-cjs.cts"), `${cjs.join("\n")}\n`);
  const module = resolution === "bundler" ? "esnext" : resolution;
  // check-options.mts (a fixture) forwards optional values the way strict code does.
  const esm = ["check-esm.mts", "check-options.mts"];
  const files = resolution === "bundler" ? esm : [...esm, "check-cjs.cts"];
  const config = {
    compilerOptions: {
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      skipLibCheck: false,
      module,
      moduleResolution: resolution,
      target: "es2022",
      lib: ["es2023", "dom", "dom.iterable"],
      types: ["node"],
    },
    files,
  };
  const configPath = join(context.project, `tsconfig.${resolution}.json`);
  await writeFile(configPath, JSON.stringify(config, null, 2));
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const result = await run(process.execPath, [tsc, "-p", configPath], { cwd: context.project });
  const count = Object.values(names).reduce((sum, list) => sum + list.length, 0);
  if (result.code !== 0)
    return { ok: false, detail: `tsc exit ${result.code}`, output: result.output };
  return {
    ok: true,
    ran: [`strict tsc over ${files.join(" + ")} (${count} runtime exports typed)`],
    notRun: [],
  };
}

/** Builds the browser fixture with Vite and checks the bundle has no Node built-ins. */
async function viteTarget(context) {
  const vite = join(root, "node_modules", "vite", "bin", "vite.js");
  const outDir = join(context.project, "browser-dist");
  const args = [
    vite,
    "build",
    "browser",
    "--outDir",
    outDir,
    "--emptyOutDir",
    "--logLevel",
    "warn",
  ];
  const built = await run(process.execPath, args, { cwd: context.project });
  if (built.code !== 0)
    return { ok: false, detail: `vite build exit ${built.code}`, output: built.output };
  const assets = join(outDir, "assets");
  const bundles = (await readdir(assets)).filter((file) => file.endsWith(".js"));
  const nodeImport =
    /(?:from\s*|import\s*\(?\s*|require\s*\(\s*)["']node:[\w/]+["']|__vite-browser-external/;
  for (const file of bundles) {
    const code = await readFile(join(assets, file), "utf8");
    if (nodeImport.test(code))
      return { ok: false, detail: `${file} imports a Node built-in`, output: "" };
  }
  if (/externalized for browser compatibility/.test(built.output)) {
    return { ok: false, detail: "Vite externalized a Node built-in", output: built.output };
  }
  const ran = [`vite build (${bundles.length} bundle, no node: imports)`];
  const page = await runInChromium(context, outDir);
  if (!page)
    return { ok: true, ran, notRun: ["run in Chromium (no /usr/bin/chromium or playwright-core)"] };
  if (!page.ok) return page;
  return {
    ok: true,
    ran: [...ran, ...page.ran.map((step) => `chromium: ${step}`)],
    notRun: page.notRun,
  };
}

/** Serves the built page and runs the scenario in headless Chromium, when available. */
async function runInChromium(context, outDir) {
  const chromium = "/usr/bin/chromium";
  let playwright;
  try {
    playwright = createRequire(join(root, "package.json"))("playwright-core");
  } catch {
    return undefined;
  }
  if (!existsSync(chromium)) return undefined;
  const model = await readFile(context.env.LUML_SMOKE_MODEL_PATH);
  const server = createServer(async (request, response) => {
    const path = new URL(request.url, "http://localhost").pathname;
    if (path === "/smoke.fnnx") return response.end(model);
    const file = join(outDir, path === "/" ? "index.html" : path);
    if (!file.startsWith(outDir) || !existsSync(file)) {
      response.statusCode = 404;
      return response.end();
    }
    const type = file.endsWith(".js") ? "text/javascript" : "text/html";
    response.setHeader("content-type", type);
    response.end(await readFile(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await playwright.chromium.launch({
    executablePath: chromium,
    args: ["--no-sandbox"],
  });
  try {
    const page = await browser.newPage();
    const logs = [];
    page.on("console", (message) => logs.push(message.text()));
    page.on("pageerror", (error) => logs.push(String(error)));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => typeof window.runSmoke === "function", null, {
      timeout: 30_000,
    });
    const env = Object.fromEntries(
      Object.entries(context.env).filter(([key]) => key.startsWith("LUML_")),
    );
    env.LUML_SMOKE_MODEL_URL = `${origin}/smoke.fnnx`;
    const result = await page.evaluate((settings) => window.runSmoke(settings), env);
    const leaked = context.env.LUML_API_KEY && logs.join("\n").includes(context.env.LUML_API_KEY);
    if (leaked) return { ok: false, detail: "the API key appeared in the console", output: "" };
    return { ok: true, ...result };
  } catch (error) {
    return { ok: false, detail: "scenario failed in Chromium", output: String(error) };
  } finally {
    await browser.close();
    server.close();
  }
}

/** Every target: name and how to run it. */
function targets(context) {
  return [
    ["node-esm", () => scenarioTarget(process.execPath, ["node-esm.mjs"], context)],
    ["node-cjs", () => scenarioTarget(process.execPath, ["node-cjs.cjs"], context)],
    ["typescript-node16", () => typecheckTarget(context, "node16")],
    ["typescript-nodenext", () => typecheckTarget(context, "nodenext")],
    ["typescript-bundler", () => typecheckTarget(context, "bundler")],
    ["vite-browser", () => viteTarget(context)],
    [
      "deno",
      () =>
        scenarioTarget(bin("deno"), ["run", "--allow-all", "--no-prompt", "deno.mjs"], {
          ...context,
          env: {
            ...context.env,
            DENO_DIR: join(context.work, "deno-dir"),
            DENO_NO_UPDATE_CHECK: "1",
          },
        }),
    ],
    ["bun", () => scenarioTarget(bin("bun"), ["run", "node-esm.mjs"], context)],
    ["cli", () => cliTarget(context)],
  ];
}

/**
 * The installed `luml` command: its version, then an upload of the model and its
 * download to stdout, whose bytes must hash to what was uploaded. Fails on a
 * non-zero exit, other bytes, or the API key in anything it printed.
 */
async function cliTarget(context) {
  const luml = join(context.project, "node_modules", ".bin", "luml");
  const steps = [["--version"]];
  const { env } = context;
  if (env.LUML_BASE_URL) {
    const scope = [
      ...["--org", env.LUML_SMOKE_ORGANIZATION_ID, "--orbit", env.LUML_SMOKE_ORBIT_ID],
      ...["--collection", env.LUML_SMOKE_COLLECTION_ID, "--no-progress"],
    ];
    steps.push(["upload", env.LUML_SMOKE_MODEL_PATH, "--name", "smoke-cli", ...scope]);
    steps.push(["download", "smoke-cli", "-o", "-", ...scope]);
  }
  let output = "";
  let downloaded;
  for (const args of steps) {
    const result = await run(luml, args, { cwd: context.project, env });
    output += `$ luml ${args[0]}\n${result.stdout.toString("utf8", 0, 4096)}${result.stderr}`;
    if (result.code !== 0)
      return { ok: false, detail: `luml ${args[0]}: exit ${result.code}`, output };
    if (args[0] === "download") downloaded = result.stdout;
  }
  if (env.LUML_API_KEY && output.includes(env.LUML_API_KEY)) {
    return { ok: false, detail: "the API key appeared in the output", output };
  }
  if (downloaded) {
    const expected = await readFile(env.LUML_SMOKE_MODEL_PATH);
    if (!downloaded.equals(expected)) {
      return { ok: false, detail: "download -o - printed other bytes than were uploaded", output };
    }
  }
  return {
    ok: true,
    ran: steps.map((args) => `luml ${args.slice(0, args[0] === "download" ? 4 : 1).join(" ")}`),
    notRun: env.LUML_BASE_URL ? [] : ["upload and download: no dev server"],
  };
}

/** Prints a target's line and, on failure, the tail of what it printed. */
function printResult(name, result) {
  if (!result.ok) {
    console.log(`✘ ${name}: ${result.detail}`);
    if (result.output) console.log(result.output.trim().split("\n").slice(-40).join("\n"));
    return;
  }
  console.log(`✔ ${name}: ran ${result.ran.join(", ")}`);
  if (result.notRun.length > 0) console.log(`    not run: ${result.notRun.join("; ")}`);
}

async function main() {
  if (process.argv.includes("--build")) {
    const built = await run(bin("pnpm"), ["run", "build", "--output-logs=errors-only"], {
      cwd: root,
    });
    if (built.code !== 0) throw new Error(`build failed:\n${built.output}`);
  }
  const work = await mkdtemp(join(tmpdir(), "luml-smoke-"));
  const project = join(work, "consumer");
  let server;
  try {
    const tarballs = await packAll(work);
    console.log(`packed ${tarballs.map((file) => file.split("/").pop()).join(", ")}`);
    await createProject(project, tarballs);
    console.log(`installed into ${project} with npm`);
    const started = await startServer();
    server = started.server;
    console.log(server ? `dev server at ${server.baseUrl}` : `no dev server: ${started.reason}`);
    const context = { work, project, env: targetEnv(server, project) };
    let passed = 0;
    let failed = 0;
    for (const [name, target] of targets(context)) {
      const result = await target().catch((error) => ({
        ok: false,
        detail: String(error),
        output: "",
      }));
      printResult(name, result);
      if (result.ok) passed += 1;
      else failed += 1;
    }
    console.log(`smoke: ${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 ? 1 : 0;
  } finally {
    await server?.stop();
    if (process.argv.includes("--keep")) console.log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`✘ smoke: ${error.message}`);
  console.log("smoke: 0 passed, 1 failed");
  process.exitCode = 1;
});
