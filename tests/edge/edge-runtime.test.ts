/**
 * The behaviour suite in Vercel's edge-runtime, against the dev server that
 * `luml-dev-server -- <runner>` started.
 */
import { fileURLToPath } from "node:url";
import { defineEdgeTests } from "./define-edge-tests.ts";
import { bundleForEdge } from "./host/bundle-for-edge.mjs";
import { startEdgeRuntime } from "./host/start-edge-runtime.mjs";

const entry = fileURLToPath(new URL("./worker/edge-runtime-entry.ts", import.meta.url));

await defineEdgeTests({
  name: "edge-runtime",
  keepsContentLength: false,
  async start(environment) {
    const { code } = await bundleForEdge(entry, "edge-runtime");
    return startEdgeRuntime({
      script: code,
      environment: {
        LUML_DEV_SERVER: JSON.stringify(environment),
      },
    });
  },
});
