// The behaviour suite on Node (run under Node 20 and Node 24 by vitest).
import { afterAll, describe, it } from "vitest";
import { defineRuntimeSuite } from "../suite/define-runtime-suite.ts";
import { createNodeAdapter } from "./node-adapter.ts";

const { adapter, cleanup } = createNodeAdapter(`node ${process.versions.node.split(".")[0]}`);

afterAll(cleanup);

describe(adapter.runtime, () => {
  for (const runtimeCase of defineRuntimeSuite(adapter)) {
    it(runtimeCase.name, runtimeCase.run, 60_000);
  }
});
