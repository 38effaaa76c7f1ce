/**
 * What an edge upload costs in memory: the edge app runs in workerd, receives an
 * archive as a request body, makes it a File with `request.blob()` and uploads it
 * with `@luml/core` (hash, index, parts). Prints workerd's resident memory before,
 * its peak while the upload runs (sampled every 20 ms, and the kernel's high-water
 * mark), for each size given; and the same for a body only read with
 * `request.blob()`, to tell what the body costs from what the upload adds.
 *
 * Run (after building), with a dev server:
 *   node luml-dev-server -- <runner> node tests/edge/measure/upload-memory.mjs [MiB…]
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { bundleForEdge } from "../host/bundle-for-edge.mjs";
import { importTypeScript } from "../host/import-typescript.mjs";
import { startWorkerd } from "../host/start-workerd.mjs";

const mebibyte = 1024 * 1024;
const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(256);
const suite = (path) => fileURLToPath(new URL(`../../runtime/suite/${path}`, import.meta.url));
const { readTestEnvironment } = await importTypeScript(suite("test-environment.ts"));
const { buildModelArchive } = await importTypeScript(suite("tar-archive.ts"));
const environment = readTestEnvironment((name) => process.env[name]);

/**
 * Resident and peak resident memory of `processId`, in MiB (`/proc/<id>/status`).
 * @param {number} processId
 */
function memoryOf(processId) {
  const status = readFileSync(`/proc/${processId}/status`, "utf8");
  /** @param {string} name */
  const field = (name) =>
    Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m"))?.[1]) / 1024;
  return { resident: field("VmRSS"), peak: field("VmHWM") };
}

/**
 * Starts a fresh workerd with the edge app (so its high-water mark is one request's),
 * sends `archive` to `path`, and reports workerd's memory around it.
 * @param {string} path
 * @param {Uint8Array} archive
 */
async function measure(path, archive) {
  const entry = fileURLToPath(new URL("../worker/workerd-entry.ts", import.meta.url));
  const worker = await startWorkerd({
    script: (await bundleForEdge(entry, "workerd")).code,
    bindings: {
      LUML_DEV_SERVER: JSON.stringify(environment),
    },
  });
  try {
    const [processId] = worker.processIds();
    if (processId === undefined) throw new Error("no workerd process found");
    await (await fetch(`${worker.url}/cases`)).arrayBuffer();
    const before = memoryOf(processId);
    let sampledPeak = before.resident;
    const sampler = setInterval(() => {
      sampledPeak = Math.max(sampledPeak, memoryOf(processId).resident);
    }, 20);
    const started = Date.now();
    const response = await fetch(`${worker.url}${path}`, {
      method: "POST",
      body: archive,
      headers: { "content-type": "application/octet-stream" },
    });
    const answer = await response.json();
    clearInterval(sampler);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(answer)}`);
    const peak = Math.max(sampledPeak, memoryOf(processId).peak);
    if (answer?.id)
      await fetch(`${worker.url}/artifacts/${answer.id}?storage=s3`, { method: "DELETE" });
    return { seconds: (Date.now() - started) / 1000, before: before.resident, peak };
  } finally {
    await worker.close();
  }
}

for (const mebibytes of sizes) {
  const archive = buildModelArchive(mebibytes * mebibyte, { F1: 0.5 });
  const name = `edge-memory-${mebibytes}-${Math.random().toString(36).slice(2, 8)}`;
  const query = new URLSearchParams({ storage: "s3", name, file: `${name}.fnnx` });
  for (const [label, path] of [
    ["request.blob() only", "/blob"],
    ["request.blob() + upload", `/artifacts?${query}`],
  ]) {
    const { seconds, before, peak } = await measure(path, archive);
    console.log(
      `${mebibytes} MiB, ${label.padEnd(23)} in workerd: resident before ${before.toFixed(0)} MiB, ` +
        `peak ${peak.toFixed(0)} MiB (+${(peak - before).toFixed(0)} MiB, ` +
        `${(peak / mebibytes).toFixed(2)}× the file), ${seconds.toFixed(1)} s`,
    );
  }
}
