/**
 * A tour of the LUML SDK on Node and Bun (both use @luml/node): upload models with a progress bar, list them
 * sorted by a metric, find one by name, download and verify it, tag it, delete
 * the rest.
 *
 *   LUML_BASE_URL=http://127.0.0.1:8000 LUML_API_KEY=dfs_… node dist/tour-node.js [model.fnnx…]
 *   LUML_BASE_URL=http://127.0.0.1:8000 LUML_API_KEY=dfs_… bun src/tour-node.ts [model.fnnx…]
 *
 * Without files it builds three sample models first. `LUML_ORBIT` picks the orbit
 * ("S3 Orbit" or "Azure Orbit" on the dev server).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { type Artifact, LumlClient, progressBar } from "@luml/node";
import { makeSampleModels } from "./make-sample-model.ts";
import { printTable, removeEarlierRun, sha256File, step } from "./tour-helpers.ts";

const runtime = "Bun" in globalThis ? "bun" : "node";
const orbit = process.env.LUML_ORBIT ?? "S3 Orbit";
const workFolder = await mkdtemp(join(tmpdir(), `luml-tour-${runtime}-`));
const files = process.argv.slice(2);
if (files.length === 0) {
  for (const model of await makeSampleModels(workFolder)) files.push(model.path);
}

try {
  // 1. Connect by names; the API key and base URL come from LUML_API_KEY and LUML_BASE_URL.
  const luml = await LumlClient.create({ organization: "Demo Org", orbit, collection: "Models" });
  step(`Connected to Demo Org › ${orbit} › Models`);

  await removeEarlierRun(luml, runtime);

  // 2. Upload each file; the SDK hashes it, indexes the archive and reads its metrics.
  const uploaded: Artifact[] = [];
  for (const file of files) {
    console.log(`     ${basename(file)}`);
    const artifact = await luml.artifacts.upload(file, {
      name: `${basename(file).replace(/\.[^.]+$/, "")}-${runtime}`,
      description: `Uploaded by the ${runtime} tour`,
      tags: ["demo", runtime],
      // Redraws in place on a terminal; prints a few lines when output is a log.
      onProgress: progressBar(),
    });
    uploaded.push(artifact);
  }
  step(`Uploaded ${uploaded.map((artifact) => artifact.name).join(", ")}`);

  // 3. The collection's models, best accuracy first (the server sorts by any metric).
  const page = await luml.artifacts.list({ sortBy: "accuracy", order: "desc", limit: 10 });
  step("Models by accuracy:");
  printTable(page.items, ["accuracy", "F1"]);

  // 4. Find our best model by its name (an id or a file name works too).
  const bestName = page.items.find((item) => uploaded.some((mine) => mine.id === item.id))?.name;
  const best = bestName ? await luml.artifacts.get(bestName) : null;
  if (!best) throw new Error("The uploaded models are missing from the listing");
  step(`Found "${best.name}" by name: accuracy ${best.extra_values?.accuracy}, id ${best.id}`);

  // 5. Download it and check the copy is byte for byte the file we uploaded.
  const copy = join(workFolder, `copy-${best.file_name}`);
  await luml.artifacts.download(best.id, { to: copy, onProgress: progressBar() });
  const original = files[uploaded.findIndex((artifact) => artifact.id === best.id)] ?? "";
  const [copyHash, originalHash] = await Promise.all([sha256File(copy), sha256File(original)]);
  if (copyHash !== originalHash) throw new Error(`sha256 mismatch: ${copyHash} ≠ ${originalHash}`);
  step(`Downloaded ${best.file_name}; sha256 ${copyHash.slice(0, 12)}… matches the original`);

  // 6. Promote it.
  const promoted = await luml.artifacts.update(best.id, { tags: [...(best.tags ?? []), "prod"] });
  step(`Tagged ${promoted.name}: ${(promoted.tags ?? []).join(", ")}`);

  // 7. Delete the others: the record and the stored file go together.
  const others = uploaded.filter((artifact) => artifact.id !== best.id);
  for (const artifact of others) await luml.artifacts.delete(artifact.id);
  step(`Deleted ${others.map((artifact) => artifact.name).join(", ")}; kept ${best.name}`);
} finally {
  await rm(workFolder, { recursive: true, force: true });
}
