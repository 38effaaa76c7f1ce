/**
 * The behaviour suite in Vercel's edge-runtime, against the dev server that
 * `tests/runtime/with-dev-server.mjs` started.
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
        LUML_TEST_BASE_URL: environment.baseUrl,
        LUML_TEST_API_KEY: environment.apiKey,
        LUML_TEST_SEEDED: JSON.stringify(environment.seeded),
      },
    });
  },
});
