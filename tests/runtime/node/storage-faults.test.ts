// The storage fault suite on Node (run under Node 20 and Node 24 by vitest), through
// `@luml/node`'s own storage path: node:http.
import { afterAll, beforeAll, describe, it } from "vitest";
import { registerNodeFaultSuite } from "./node-fault-adapter.ts";

const major = process.versions.node.split(".")[0];

registerNodeFaultSuite(
  {
    runtime: `node ${major}`,
    id: `node-${major}`,
    label: `Node ${major}`,
    storagePath: "node:http",
  },
  { describe, it, beforeAll, afterAll },
);
