/**
 * The behaviour suite in workerd (miniflare, no `nodejs_compat`), against the dev
 * server that `tests/runtime/with-dev-server.mjs` started.
 */
import { fileURLToPath } from "node:url";
import { defineEdgeTests } from "./define-edge-tests.ts";
import { bundleForEdge } from "./host/bundle-for-edge.mjs";
import { startWorkerd } from "./host/start-workerd.mjs";

const entry = fileURLToPath(new URL("./worker/workerd-entry.ts", import.meta.url));

await defineEdgeTests({
  name: "workerd",
  keepsContentLength: true,
  async start(environment) {
    const { code } = await bundleForEdge(entry, "workerd");
    return startWorkerd({
      script: code,
      bindings: {
        LUML_TEST_BASE_URL: environment.baseUrl,
        LUML_TEST_API_KEY: environment.apiKey,
        LUML_TEST_SEEDED: JSON.stringify(environment.seeded),
      },
    });
  },
});
