/**
 * The storage fault suite in the page: `@luml/browser`'s client (XHR for uploads,
 * fetch for downloads) uploads `File`s and downloads into Blob sinks. The Node side
 * drives it through `window.lumlFaults`, one reported test per case.
 */

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
} from "../../../../packages/browser/dist/index.js";
import { createBlobSink } from "../../../../packages/core/dist/internal.js";
import {
  type DownloadTarget,
  defineFaultSuite,
  type FaultAdapter,
  type FaultCase,
  type FaultClient,
} from "../../suite/define-fault-suite.ts";
import type { SuiteSink } from "../../suite/define-runtime-suite.ts";
import type { TestEnvironment } from "../../suite/test-environment.ts";

/** What the Node side calls in the page. */
export interface LumlFaultPage {
  /** Sets the dev server to test against; must come first. */
  configure(environment: TestEnvironment): void;
  /** The names of the cases, in order. */
  names(): string[];
  /** Runs the case called `name`; rejects with its failure. */
  run(name: string): Promise<void>;
}

declare global {
  interface Window {
    lumlFaults: LumlFaultPage;
  }
}

/** The page's adapter; it has no files, so the file-changing cases do not apply. */
function browserFaultAdapter(environment: TestEnvironment): FaultAdapter {
  return {
    runtime: "chromium",
    environment,
    // The page holds a test key on purpose; real pages get a short-lived one.
    createClient: (options): FaultClient =>
      new LumlClient({ ...options, dangerouslyAllowBrowser: true }) as unknown as FaultClient,
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
    makeSource: (bytes, fileName) => new File([bytes as Uint8Array<ArrayBuffer>], fileName),
    downloadTarget: async () => trackedBlobTarget(),
  };
}

/** A Blob sink that remembers whether anything was committed to it. */
function trackedBlobTarget(): DownloadTarget {
  const blobSink = createBlobSink();
  let committed = false;
  const sink: SuiteSink = {
    write: (chunk, position) => blobSink.write(chunk, position),
    async commit() {
      await blobSink.commit();
      committed = true;
    },
    abort: () => blobSink.abort(),
  };
  return {
    sink,
    async read() {
      return new Uint8Array(await blobSink.blob().arrayBuffer());
    },
    async leftovers() {
      return committed ? [`a committed Blob of ${blobSink.blob().size} bytes`] : [];
    },
  };
}

let cases: FaultCase[] = [];

window.lumlFaults = {
  configure(environment) {
    cases = defineFaultSuite(browserFaultAdapter(environment));
  },
  names: () => cases.map((faultCase) => faultCase.name),
  async run(name) {
    const faultCase = cases.find((candidate) => candidate.name === name);
    if (!faultCase) throw new Error(`No case named ${JSON.stringify(name)}: configure() first`);
    await faultCase.run();
  },
};
