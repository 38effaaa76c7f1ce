// @ts-check
/**
 * Runs the example with no LUML account: a local LUML API (@luml/dev-server, with
 * real S3 and Azure Blob emulators) and the example's server on its S3 orbit.
 * Build the page first (`npm run demo` does).
 */
import { startDevServer } from "@luml/dev-server";
import { LumlClient } from "@luml/node";
import { startExampleServer } from "./server.mjs";

const local = await startDevServer();
const luml = await LumlClient.create({
  apiKey: local.apiKey,
  baseUrl: local.baseUrl,
  organization: local.seeded.organization.id,
  orbit: local.seeded.orbits.s3.id,
  collection: local.seeded.collections.s3.id,
});
const server = await startExampleServer({ luml, port: Number(process.env.PORT ?? 3000) });
console.log(`Local LUML API at ${local.baseUrl}`);
console.log(`Key-less upload example at ${server.url} (Ctrl-C to stop)`);
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.once(signal, async () => {
    await server.close();
    await local.stop();
    process.exit(0);
  });
}
