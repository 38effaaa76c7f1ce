// The storage fault suite in Chromium: each case runs inside the page with
// `@luml/browser` (XHR uploads, fetch downloads), one reported test per case; the
// results are recorded here, on the Node side.
import { mkdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultResultsFolder } from "../node/node-fault-adapter.ts";
import {
  defineFaultSuite,
  type FaultAdapter,
  faultCatalogue,
} from "../suite/define-fault-suite.ts";
import { FaultRecorder } from "../suite/fault-results.ts";
import { readTestEnvironment } from "../suite/test-environment.ts";
import { launchSuitePage, type SuitePage } from "./launch-suite-page.ts";

const environment = readTestEnvironment((name) => process.env[name]);
const inPageOnly = () => {
  throw new Error("The cases run in the page");
};
// The cases' names, to register one test per case here (the page has no files
// either, so the same cases apply); the cases themselves run in the page.
const cases = defineFaultSuite({
  runtime: "chromium",
  environment,
  createClient: inPageOnly,
  errors: {} as FaultAdapter["errors"],
  makeSource: inPageOnly,
  downloadTarget: inPageOnly,
});
const recorder = new FaultRecorder(
  {
    runtime: "chromium",
    label: "Chromium",
    package: "@luml/browser",
    storagePath: "XHR uploads, fetch downloads",
  },
  faultCatalogue,
  cases,
  async (json) => {
    mkdirSync(faultResultsFolder, { recursive: true });
    await writeFile(join(faultResultsFolder, "chromium.json"), json);
  },
);

let suitePage: SuitePage | undefined;

beforeAll(async () => {
  await recorder.start();
  suitePage = await launchSuitePage(environment);
  const inPage = await suitePage.page.evaluate(() => window.lumlFaults.names());
  expect(inPage).toEqual(cases.map((faultCase) => faultCase.name));
});

afterAll(async () => {
  await suitePage?.close();
});

describe("Chromium, storage faults (XHR uploads, fetch downloads)", () => {
  for (const faultCase of cases) {
    if (faultCase.notApplicable) {
      it.skip(`${faultCase.name} (n/a)`, () => {});
      continue;
    }
    it(
      faultCase.name,
      async () => {
        const opened = suitePage;
        if (!opened) throw new Error("The page did not open");
        const started = Date.now();
        const errorsBefore = opened.pageErrors.length;
        try {
          await opened.page.evaluate((name) => window.lumlFaults.run(name), faultCase.name);
          const thrown = opened.pageErrors.slice(errorsBefore);
          if (thrown.length > 0) {
            throw new Error(`The page threw uncaught errors: ${thrown.join("; ")}`);
          }
        } catch (error) {
          await recorder.record(faultCase, "failed", Date.now() - started, error);
          throw error;
        }
        await recorder.record(faultCase, "passed", Date.now() - started);
      },
      faultCase.timeout,
    );
  }
});
