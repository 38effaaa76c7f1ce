// One upload or download with the SDK in whichever runtime runs this file — Node
// (any version) and Bun with @luml/node, Deno with @luml/deno — so the bench can
// compare their peak memory on the same file. The SDK's module is the first
// argument (a file URL), so the same script serves every runtime. Prints
// {seconds, maxRssBytes, id} as JSON; the peak is getrusage's maxrss of this
// process (`process.resourceUsage().maxRSS`, in kibibytes, in all three runtimes).
//
//   <runtime> runtime-child.mjs <sdk module URL> <baseUrl> <apiKey> <organization>
//     <orbit> <collection> up <path> | down <id> <target> | idle
import process from "node:process";

const [sdk, baseUrl, apiKey, organization, orbit, collection, mode, first, second] =
  process.argv.slice(2);
const { LumlClient } = await import(sdk);
const luml = await LumlClient.create({ baseUrl, apiKey, organization, orbit, collection });
const started = performance.now();
let id = first;
if (mode === "up") id = (await luml.artifacts.upload(first)).id;
else if (mode === "down") await luml.artifacts.download(first, { to: second });
else if (mode !== "idle") throw new Error(`unknown mode ${mode}`);
const seconds = (performance.now() - started) / 1000;
const maxRssBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`${JSON.stringify({ seconds, maxRssBytes, id })}\n`);
