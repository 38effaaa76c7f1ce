/**
 * The Node script's flow on Deno with `@luml/deno`: uploads model files from disk
 * with a progress bar, lists the collection sorted by a metric, and downloads the best
 * model, verified against its sha256.
 *
 *   deno run --allow-read --allow-write --allow-net --allow-env main.ts \
 *     [--metric F1] [--out folder] model.fnnx [more.fnnx…]
 *
 * The API key and base URL come from LUML_API_KEY and LUML_BASE_URL (the SDK
 * reads them); the organization, orbit and collection from LUML_ORGANIZATION,
 * LUML_ORBIT and LUML_COLLECTION (names or ids).
 */
import { parseArgs } from "node:util";
import { type Artifact, LumlClient, progressBar } from "@luml/deno";

const { values, positionals: files } = parseArgs({
  args: Deno.args,
  allowPositionals: true,
  options: {
    metric: { type: "string", default: "F1" },
    out: { type: "string", default: "." },
  },
});
const metric: string = values.metric ?? "F1";
if (files.length === 0) {
  console.error("Usage: deno run -A main.ts [--metric F1] [--out folder] model.fnnx [more.fnnx…]");
  Deno.exit(2);
}

const luml = await LumlClient.create({
  organization: Deno.env.get("LUML_ORGANIZATION"),
  orbit: Deno.env.get("LUML_ORBIT"),
  collection: Deno.env.get("LUML_COLLECTION"),
});

// 1. Upload each file: the SDK hashes it, reads the archive's metrics, sends the
//    bytes (in parallel parts when large) and marks the record uploaded.
for (const file of files) {
  console.log(`Uploading ${file.split("/").at(-1)}`);
  const artifact = await luml.artifacts.upload(file, {
    tags: ["example"],
    // Redraws in place on a terminal; a few lines when the output is a log.
    onProgress: progressBar(),
  });
  console.log(`  ${artifact.name}: ${metric} ${artifact.extra_values?.[metric] ?? "–"}`);
}

// 2. The collection's models, best first by the metric (the service sorts).
const { items } = await luml.artifacts.list({ sortBy: metric, order: "desc", limit: 10 });
console.log(`\nModels by ${metric}:`);
for (const item of items) {
  console.log(
    `  ${String(item.extra_values?.[metric] ?? "–").padEnd(8)} ${item.name} (${item.status})`,
  );
}

// 3. Download the best uploaded one; the sha256 is checked while the bytes stream,
//    and nothing is left at the destination unless the file is complete and verified.
const best: Artifact | undefined = items.find((item) => item.status === "uploaded");
if (!best) {
  console.error(`No uploaded model in the collection has a ${metric}`);
  Deno.exit(1);
}
const out = values.out ?? ".";
await Deno.mkdir(out, { recursive: true });
const saved = await luml.artifacts.download(best.id, {
  to: `${out}/${best.file_name}`,
  onProgress: progressBar(),
});
console.log(`\nBest: ${best.name} (${metric} ${best.extra_values?.[metric]})`);
console.log(`Downloaded to ${saved.path}, sha256 ${saved.file_hash} verified`);
