/**
 * How fast the edge sha256 is: runs `sha256-worker.ts` in workerd (miniflare) and in
 * edge-runtime and prints, per runtime, the median MiB/s of `createWebSha256`
 * (what `@luml/core` hashes with there), the plain TypeScript SHA-256, and
 * `crypto.subtle.digest` on the same bytes.
 *
 * Run (after building): node tests/edge/bench/sha256-edge.mjs [MiB] [runs]
 */
import { fileURLToPath } from "node:url";
import { bundleForEdge } from "../host/bundle-for-edge.mjs";
import { startEdgeRuntime } from "../host/start-edge-runtime.mjs";
import { startWorkerd } from "../host/start-workerd.mjs";

const mebibytes = Number(process.argv[2] ?? 256);
const runs = Number(process.argv[3] ?? 5);
const entry = fileURLToPath(new URL("./sha256-worker.ts", import.meta.url));

/** @type {Record<string, () => Promise<{ url: string, close(): Promise<void> }>>} */
const runtimes = {
  workerd: async () =>
    startWorkerd({ script: (await bundleForEdge(entry, "workerd")).code, bindings: {} }),
  "edge-runtime": async () =>
    startEdgeRuntime({
      script: (await bundleForEdge(entry, "edge-runtime")).code,
      environment: {},
    }),
};

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}

for (const [runtime, start] of Object.entries(runtimes)) {
  const host = await start();
  try {
    const response = await fetch(`${host.url}/?mebibytes=${mebibytes}&runs=${runs}`);
    const result = await response.json();
    if (!response.ok) throw new Error(`${runtime}: ${result.error}`);
    console.log(
      `SHA-256 of ${mebibytes} MiB in ${runtime}, median of ${runs} runs (createWebSha256 is ${result.createWebSha256Is} here):`,
    );
    for (const [name, values] of Object.entries(result.speeds)) {
      const range = `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
      console.log(
        `  ${name.padEnd(22)} ${median(values).toFixed(0).padStart(6)} MiB/s  [${range}]`,
      );
    }
  } finally {
    await host.close();
  }
}
