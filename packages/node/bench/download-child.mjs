// Downloads one artifact with @luml/node in its own process (as a CLI would):
// prints {seconds, maxRssBytes} as JSON. The sha256 is verified, the file is
// flushed to disk and renamed into place, as in any `artifacts.download`.
import { LumlClient } from "../dist/index.js";

const [baseUrl, apiKey, organization, orbit, collection, id, target, concurrency] =
  process.argv.slice(2);
const luml = await LumlClient.create({ baseUrl, apiKey, organization, orbit, collection });
const started = performance.now();
await luml.artifacts.download(id, {
  to: target,
  concurrency: Number(concurrency) || undefined,
});
const seconds = (performance.now() - started) / 1000;
// resourceUsage().maxRSS is in kibibytes.
process.stdout.write(
  `${JSON.stringify({ seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
