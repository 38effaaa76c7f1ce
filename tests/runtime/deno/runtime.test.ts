// The behaviour suite on Deno, with `deno test` and `@luml/deno`, needing only
// --allow-read --allow-write --allow-net --allow-env.
import { LumlClient } from "../../../packages/deno/dist/index.js";
import {
  defineRuntimeSuite,
  type RuntimeAdapter,
  type SuiteClient,
} from "../suite/define-runtime-suite.ts";
import { readTestEnvironment } from "../suite/test-environment.ts";

const folder = Deno.makeTempDirSync({ prefix: "luml-runtime-suite-" });
let downloads = 0;

// Every file the cases wrote goes when the test module ends, passed or failed.
globalThis.addEventListener("unload", () => Deno.removeSync(folder, { recursive: true }));

const adapter: RuntimeAdapter = {
  runtime: "deno",
  environment: readTestEnvironment((name) => Deno.env.get(name)),
  createClient: (options): SuiteClient => new LumlClient(options),
  async makeSource(bytes, fileName) {
    const path = `${folder}/${fileName}`;
    await Deno.writeFile(path, bytes);
    return path;
  },
  tempPath: (fileName) => `${folder}/download-${++downloads}-${fileName}`,
  async readDownload(result) {
    if (!result.path) throw new Error("The download has no path");
    return await Deno.readFile(result.path);
  },
};

for (const runtimeCase of defineRuntimeSuite(adapter)) {
  Deno.test(`${adapter.runtime} > ${runtimeCase.name}`, runtimeCase.run);
}
