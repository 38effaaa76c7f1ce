/**
 * The fault suite's adapter for Node and Bun: `@luml/node`'s client as a user
 * builds it, uploads from files on disk (which a case may edit or truncate while
 * they upload), each download into its own empty folder.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, truncateSync, writeSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  APIResponseValidationError,
  APITimeoutError,
  ConfigurationError,
  FileDownloadError,
  FileError,
  FileUploadError,
  InvalidArgumentError,
  LumlClient,
  LumlError,
} from "../../../packages/node/dist/index.js";
import {
  defineFaultSuite,
  type FaultAdapter,
  type FaultClient,
  faultCatalogue,
} from "../suite/define-fault-suite.ts";
import { FaultRecorder } from "../suite/fault-results.ts";
import { readTestEnvironment } from "../suite/test-environment.ts";

/** An adapter, where its results go, and the clean-up of its temporary folder. */
export interface NodeFaultAdapter {
  adapter: FaultAdapter;
  /** Writes the runtime's results file (`.tmp/fault-results/<id>.json`). */
  saveResults(json: string): Promise<void>;
  /** Removes every file the cases wrote. */
  cleanup(): Promise<void>;
}

/** The repository's `.tmp/fault-results/`, where runners leave their results. */
export const faultResultsFolder = fileURLToPath(
  new URL("../../../.tmp/fault-results/", import.meta.url),
);

/**
 * The adapter for `runtime` (`node 20`, `bun`…), saving to `<resultsId>.json`.
 * With `useFetch`, clients are given `fetch: globalThis.fetch`, which sends their
 * storage requests through core's fetch path instead of node:http.
 */
export function createNodeFaultAdapter(
  runtime: string,
  resultsId: string,
  options: { useFetch?: boolean } = {},
): NodeFaultAdapter {
  const folder = mkdtempSync(join(tmpdir(), "luml-fault-suite-"));
  const adapter: FaultAdapter = {
    runtime,
    environment: readTestEnvironment((name) => process.env[name]),
    createClient: (clientOptions): FaultClient =>
      new LumlClient({
        ...clientOptions,
        ...(options.useFetch ? { fetch: globalThis.fetch } : {}),
      }) as unknown as FaultClient,
    errors: {
      LumlError,
      FileError,
      FileUploadError,
      FileDownloadError,
      APIResponseValidationError,
      APITimeoutError,
      ConfigurationError,
      InvalidArgumentError,
    },
    async makeSource(bytes, fileName) {
      const path = join(folder, fileName);
      await writeFile(path, bytes);
      return path;
    },
    async downloadTarget(fileName) {
      const into = await mkdtemp(join(folder, "download-"));
      return {
        to: join(into, fileName),
        async read(result) {
          if (!result.path) throw new Error("The download has no path");
          return new Uint8Array(await readFile(result.path));
        },
        leftovers: () => readdir(into),
      };
    },
    files: {
      overwrite(source, offset, bytes) {
        const descriptor = openSync(source as string, "r+");
        try {
          writeSync(descriptor, bytes, 0, bytes.byteLength, offset);
        } finally {
          closeSync(descriptor);
        }
      },
      truncate(source, length) {
        truncateSync(source as string, length);
      },
    },
  };
  const resultsPath = join(faultResultsFolder, `${resultsId}.json`);
  return {
    adapter,
    async saveResults(json) {
      mkdirSync(dirname(resultsPath), { recursive: true });
      await writeFile(resultsPath, json);
    },
    cleanup: () => rm(folder, { recursive: true, force: true }),
  };
}

/** The few functions of a vitest-like runner (vitest, `bun:test`) the suite registers with. */
export interface TestRegistrar {
  describe(name: string, body: () => void): void;
  it: {
    (name: string, run: () => Promise<void>, timeout: number): void;
    skip(name: string, run: () => void): void;
  };
  beforeAll(run: () => Promise<void>): void;
  afterAll(run: () => Promise<void>): void;
}

/** What a Node-family runner tests: which runtime, and which storage path it takes. */
export interface NodeFaultRun {
  /** `node 20`, `bun`… (used in artifact names). */
  runtime: string;
  /** Results file id: `node-20`, `node-20-fetch`, `bun`. */
  id: string;
  /** Column heading in the table. */
  label: string;
  /** The storage requests' path, as the table describes it. */
  storagePath: string;
  useFetch?: boolean;
}

/**
 * Registers the fault suite with a vitest-like runner: one test per case (a case
 * that cannot apply is skipped and recorded `n/a`), results saved after each.
 */
export function registerNodeFaultSuite(run: NodeFaultRun, runner: TestRegistrar): void {
  const { adapter, saveResults, cleanup } = createNodeFaultAdapter(run.runtime, run.id, {
    useFetch: run.useFetch,
  });
  const cases = defineFaultSuite(adapter);
  const recorder = new FaultRecorder(
    { runtime: run.id, label: run.label, package: "@luml/node", storagePath: run.storagePath },
    faultCatalogue,
    cases,
    saveResults,
  );
  runner.beforeAll(() => recorder.start());
  runner.afterAll(cleanup);
  runner.describe(`${run.label}, storage faults (${run.storagePath})`, () => {
    for (const faultCase of cases) {
      if (faultCase.notApplicable) runner.it.skip(`${faultCase.name} (n/a)`, () => {});
      else runner.it(faultCase.name, recorder.recorded(faultCase), faultCase.timeout);
    }
  });
}
