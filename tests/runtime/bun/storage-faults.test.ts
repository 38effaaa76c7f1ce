// The storage fault suite on Bun, with `bun test` and `@luml/node` (what Bun users
// import); under Bun its storage requests go through core's fetch path.
import { afterAll, beforeAll, describe, it } from "bun:test";
import { registerNodeFaultSuite } from "../node/node-fault-adapter.ts";

registerNodeFaultSuite(
  { runtime: "bun", id: "bun", label: "Bun", storagePath: "fetch (Bun)" },
  { describe, it, beforeAll, afterAll },
);
