// The behaviour suite on Bun, with `bun test` and `@luml/node` (what Bun users import).
import { afterAll, describe, it } from "bun:test";
import { createNodeAdapter } from "../node/node-adapter.ts";
import { defineRuntimeSuite } from "../suite/define-runtime-suite.ts";

const { adapter, cleanup } = createNodeAdapter("bun");

afterAll(cleanup);

describe(adapter.runtime, () => {
  for (const runtimeCase of defineRuntimeSuite(adapter)) {
    it(runtimeCase.name, runtimeCase.run, 60_000);
  }
});
