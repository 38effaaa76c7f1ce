// Runs a dev server in a Node process for test runners that cannot host it
// (Bun has no better-sqlite3): prints its details as one JSON line, stops when
// stdin closes.
import { startDevServer } from "@luml/dev-server";

const server = await startDevServer(JSON.parse(process.argv[2] ?? "{}"));
const { baseUrl, apiKey, seeded, storage } = server;
process.stdout.write(`${JSON.stringify({ baseUrl, apiKey, seeded, storage })}\n`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
};
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.on("SIGTERM", stop);
process.stdin.resume();
