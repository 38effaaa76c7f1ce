// Uploads one file with @luml/node in its own process so its peak memory can be
// read: prints {seconds, maxRssBytes, id} as JSON. With `unchecked` as the last
// argument the file is given as a FileBlob without the opening snapshot, which
// skips the detection of a file changed during the upload: the bench's baseline
// for what that detection costs.
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { FileBlob, LumlClient } from "../dist/index.js";

const [baseUrl, apiKey, organization, orbit, collection, path, concurrency, mode] =
  process.argv.slice(2);
const luml = await LumlClient.create({ baseUrl, apiKey, organization, orbit, collection });
const started = performance.now();
const input =
  mode === "unchecked"
    ? { name: basename(path), size: (await stat(path)).size, blob: await uncheckedBlob(path) }
    : path;
const artifact = await luml.artifacts.upload(input, {
  concurrency: Number(concurrency) || undefined,
});
const seconds = (performance.now() - started) / 1000;
// resourceUsage().maxRSS is in kibibytes.
process.stdout.write(
  `${JSON.stringify({ seconds, cpuSeconds: cpuSeconds(), maxRssBytes: process.resourceUsage().maxRSS * 1024, id: artifact.id })}\n`,
);

async function uncheckedBlob(file) {
  return new FileBlob(file, 0, (await stat(file)).size);
}

/** CPU time the process used, user and system, in seconds. */
function cpuSeconds() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
