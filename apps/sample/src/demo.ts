/**
 * The LUML SDK demo: starts a local LUML (the dev server, with S3 and Azure Blob
 * emulators), builds sample models, runs the Node, Bun and Deno tours against it,
 * then serves the browser page until Ctrl-C. Each step prints a line as it starts
 * and as it ends; the API's URL and key are printed with the `export` lines that
 * point any script at it. Plain text (no colours) when the output is not a terminal
 * or `NO_COLOR` is set.
 *
 *   node dist/demo.js [--persist] [--no-serve] [--port 5173] [--key-in-browser]
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startDevServer } from "@luml/dev-server";
import { makeSampleModels } from "./make-sample-model.ts";
import { appRoot, runTour, type TourRuntime } from "./run-tour.ts";
import { type PageServer, servePage } from "./serve-page.ts";

const { values: options } = parseArgs({
  options: {
    /** Keep the dev server's data in apps/sample/.luml-dev-server between runs. */
    persist: { type: "boolean", default: false },
    /** Stop after the tours instead of serving the page. */
    "no-serve": { type: "boolean", default: false },
    /** Port of the page; falls back to a free one when taken. */
    port: { type: "string", default: "5173" },
    /** Hands the API key to the page instead of keeping it in this process. */
    "key-in-browser": { type: "boolean", default: false },
  },
});

// Colour only on a terminal, and never when NO_COLOR asks not to (https://no-color.org).
const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const style = (code: number) => (text: string) =>
  colour ? `\u001b[${code}m${text}\u001b[0m` : text;
const bold = style(1);
const dim = style(2);
const red = style(31);

const steps = options["no-serve"] ? 3 : 4;
let stepNumber = 0;
/** Prints `[n/N] what…` now, and `✔ what (3.2 s)` once `run` is done. */
async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  stepNumber += 1;
  console.log(bold(`[${stepNumber}/${steps}] ${what}…`));
  const started = performance.now();
  const result = await run();
  console.log(dim(`      done in ${((performance.now() - started) / 1000).toFixed(1)} s`));
  return result;
}

console.log(bold("\nLUML SDK demo\n"));
const server = await step("Starting the local LUML API (S3 and Azure Blob emulators)", () =>
  startDevServer({
    dataDir: options.persist ? join(appRoot, ".luml-dev-server") : undefined,
  }),
);
const { organization, orbits, collections } = server.seeded;
printConnection();

/** Where the API is, with the lines that point another shell's script at it. */
function printConnection(): void {
  console.log(`  API      ${server.baseUrl}`);
  console.log(`  API key  ${server.apiKey}`);
  console.log(
    `  ${organization.name} › ${orbits.s3.name} / ${orbits.azure.name} › ${collections.s3.name}`,
  );
  console.log(dim("  Point your own script at it (from another shell):"));
  console.log(`  export LUML_BASE_URL=${server.baseUrl} LUML_API_KEY=${server.apiKey}`);
}

// From here on, every way out stops the dev server and its emulators first.
let page: PageServer | undefined;
let stopping = false;
async function stop(code: number): Promise<never> {
  // A second Ctrl-C while shutting down means "now".
  if (stopping) process.exit(1);
  stopping = true;
  await page?.close();
  await server.stop();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.log("\nStopping…");
    void stop(failures === 0 ? 0 : 1);
  });
}

let failures = 0;
try {
  const models = await step("Building the sample models", () =>
    makeSampleModels(join(appRoot, ".models")),
  );
  console.log(`  ${models.length} models in ${join(appRoot, ".models")}`);

  const tours: Array<{ runtime: TourRuntime; orbit: string }> = [
    { runtime: "node", orbit: orbits.s3.name },
    { runtime: "node", orbit: orbits.azure.name },
    { runtime: "bun", orbit: orbits.s3.name },
    { runtime: "deno", orbit: orbits.azure.name },
  ];
  await step(`Running the tours (${tours.length})`, async () => {
    for (const tour of tours) {
      console.log(bold(`\n▶ ${tour.runtime} tour · ${tour.orbit}`));
      const result = await runTour({
        ...tour,
        baseUrl: server.baseUrl,
        apiKey: server.apiKey,
        files: models.map((model) => model.path),
      });
      if ("skipped" in result) console.log(`  skipped: ${result.skipped}`);
      else if (result.code !== 0) {
        failures += 1;
        console.log(red(`✘ the ${tour.runtime} tour failed (exit code ${result.code})`));
      }
    }
  });
  if (options["no-serve"]) await stop(failures === 0 ? 0 : 1);

  page = await step("Serving the browser page", () =>
    servePageOnPreferredPort(Number(options.port)),
  );
  console.log(bold(`\n▶ Browser page: ${page.url}`));
  console.log(
    options["key-in-browser"]
      ? "  The page holds the API key (--key-in-browser): fine here, never on a public site."
      : "  The page holds no API key: this process begins and completes its uploads.",
  );
  console.log("  Drop a model file (there are some in apps/sample/.models), sort by a metric,");
  console.log("  download or delete an artifact.\n");
  printConnection();
  console.log("\nPress Ctrl-C to stop.");
} catch (error) {
  console.error(error);
  await stop(1);
}

/** The page on `port`, or on a free port when that one is taken. */
async function servePageOnPreferredPort(port: number): Promise<PageServer> {
  const connection = {
    baseUrl: server.baseUrl,
    apiKey: server.apiKey,
    organization: organization.name,
    orbits: [orbits.s3.name, orbits.azure.name],
    collection: collections.s3.name,
  };
  const keyInBrowser = options["key-in-browser"];
  try {
    return await servePage({ connection, keyInBrowser, port });
  } catch {
    return servePage({ connection, keyInBrowser, port: 0 });
  }
}
