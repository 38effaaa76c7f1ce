// The storage fault suite on Deno, with `deno test` and `@luml/deno` (storage requests
// on node:http as Deno provides it), needing only
// --allow-read --allow-write --allow-net --allow-env.
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
} from "../../../packages/deno/dist/index.js";
import {
  defineFaultSuite,
  type FaultAdapter,
  type FaultClient,
  faultCatalogue,
} from "../suite/define-fault-suite.ts";
import { FaultRecorder } from "../suite/fault-results.ts";
import { readTestEnvironment } from "../suite/test-environment.ts";

const folder = Deno.makeTempDirSync({ prefix: "luml-fault-suite-" });
const resultsFolder = new URL("../../../.tmp/fault-results/", import.meta.url);

// Every file the cases wrote goes when the test module ends, passed or failed.
globalThis.addEventListener("unload", () => Deno.removeSync(folder, { recursive: true }));

const adapter: FaultAdapter = {
  runtime: "deno",
  environment: readTestEnvironment((name) => Deno.env.get(name)),
  createClient: (options): FaultClient => new LumlClient(options) as unknown as FaultClient,
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
    const path = `${folder}/${fileName}`;
    await Deno.writeFile(path, bytes);
    return path;
  },
  async downloadTarget(fileName) {
    const into = await Deno.makeTempDir({ dir: folder, prefix: "download-" });
    return {
      to: `${into}/${fileName}`,
      async read(result) {
        if (!result.path) throw new Error("The download has no path");
        return await Deno.readFile(result.path);
      },
      async leftovers() {
        const names: string[] = [];
        for await (const entry of Deno.readDir(into)) names.push(entry.name);
        return names;
      },
    };
  },
  files: {
    overwrite(source, offset, bytes) {
      const file = Deno.openSync(source as string, { read: true, write: true });
      try {
        file.seekSync(offset, Deno.SeekMode.Start);
        let written = 0;
        while (written < bytes.byteLength) written += file.writeSync(bytes.subarray(written));
      } finally {
        file.close();
      }
    },
    truncate(source, length) {
      Deno.truncateSync(source as string, length);
    },
  },
};

const cases = defineFaultSuite(adapter);
const recorder = new FaultRecorder(
  { runtime: "deno", label: "Deno", package: "@luml/deno", storagePath: "node:http (Deno)" },
  faultCatalogue,
  cases,
  (json) => {
    Deno.mkdirSync(resultsFolder, { recursive: true });
    Deno.writeTextFileSync(new URL("deno.json", resultsFolder), json);
  },
);
await recorder.start();

for (const faultCase of cases) {
  Deno.test({
    name: `Deno, storage faults (node:http) > ${faultCase.name}`,
    ignore: faultCase.notApplicable !== undefined,
    fn: recorder.recorded(faultCase),
  });
}
