// Lists organizations with a client whose runtime may not reach the network (run
// without --allow-net) and prints what it got as JSON, with how long it took.
import { LumlClient } from "../src/index.ts";

const started = performance.now();
try {
  await new LumlClient({
    baseUrl: "http://127.0.0.1:47",
    apiKey: "dfs_not_sent",
  }).organizations.list();
  console.log(JSON.stringify({ listed: true }));
} catch (error) {
  const { name, message, isRetryable } = error as Error & { isRetryable?: boolean };
  console.log(JSON.stringify({ name, message, isRetryable, ms: performance.now() - started }));
}
