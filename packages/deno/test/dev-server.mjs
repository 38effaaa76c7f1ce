// Starts a dev server (S3 and Azure orbits, faults on) for the Deno tests, which
// cannot run it themselves (it needs Node's SQLite binding). Prints one JSON line
// with the server's address, key and seeded names; stops when stdin closes.
import { startDevServer } from "@luml/dev-server";

const mebibyte = 1024 * 1024;
const server = await startDevServer({
  faults: true,
  multipartThreshold: Number(process.env.LUML_MULTIPART_THRESHOLD ?? 6 * mebibyte),
  partSize: 5 * mebibyte,
});
process.stdout.write(
  `${JSON.stringify({ baseUrl: server.baseUrl, apiKey: server.apiKey, seeded: server.seeded })}\n`,
);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
};
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
