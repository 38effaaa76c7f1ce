/**
 * The behaviour suite in workerd (miniflare, no `nodejs_compat`), against the dev
 * server that `luml-dev-server -- <runner>` started.
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
        LUML_DEV_SERVER: JSON.stringify(environment),
      },
    });
  },
});
