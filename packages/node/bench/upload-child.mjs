// Uploads one file with @luml/node in its own process so its peak memory can be
// read: prints {seconds, maxRssBytes, id} as JSON.
import { LumlClient } from "../dist/index.js";

const [baseUrl, apiKey, organization, orbit, collection, path, concurrency] = process.argv.slice(2);
const luml = await LumlClient.create({ baseUrl, apiKey, organization, orbit, collection });
const started = performance.now();
const artifact = await luml.artifacts.upload(path, {
  concurrency: Number(concurrency) || undefined,
});
const seconds = (performance.now() - started) / 1000;
// resourceUsage().maxRSS is in kibibytes.
process.stdout.write(
  `${JSON.stringify({ seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024, id: artifact.id })}\n`,
);
