// The storage fault suite on Node with `@luml/node`'s client given
// `fetch: globalThis.fetch`, which sends storage requests through core's fetch path
// (what a user passing a proxy-aware fetch gets) instead of node:http.
import { afterAll, beforeAll, describe, it } from "vitest";
import { registerNodeFaultSuite } from "./node-fault-adapter.ts";

const major = process.versions.node.split(".")[0];

registerNodeFaultSuite(
  {
    runtime: `node ${major} fetch`,
    id: `node-${major}-fetch`,
    label: `Node ${major}, fetch`,
    storagePath: "fetch (client given `fetch`)",
    useFetch: true,
  },
  { describe, it, beforeAll, afterAll },
);
