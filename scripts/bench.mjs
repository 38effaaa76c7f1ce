// `pnpm bench` after the build: every benchmark, one after the other (they must not
// share the machine), then the whole run's time. Each prints its own figures beside
// its baselines, measured in the same run.
import { spawnSync } from "node:child_process";

const benches = [
  ["indexing", "packages/node", ["bench/index.bench.mjs"]],
  ["transfers, vendor SDKs, memory by runtime", "packages/node", ["bench/transfer.bench.mjs"]],
  ["hashing in Chromium", "packages/browser", ["bench/hash.bench.mjs"]],
  ["CLI start-up", "packages/cli", ["bench/startup.bench.mjs"]],
];
// Three alternating rounds per figure unless told otherwise: enough for a spread.
// The whole run took 12.9 to 15.2 minutes on the slower of the 2-core machines
// measured so far (7.5 on the faster), the 4 GiB upload and download in four runtimes
// about 5 to 6 of them.
const env = { LUML_BENCH_ROUNDS: "3", ...process.env };
const started = performance.now();
let failed = false;
for (const [title, cwd, args] of benches) {
  console.log(`\n## ${title} (${cwd}: node ${args.join(" ")})\n`);
  const { status } = spawnSync(process.execPath, args, { cwd, env, stdio: "inherit" });
  if (status !== 0) failed = true;
}
console.log(`\npnpm bench: ${((performance.now() - started) / 60_000).toFixed(1)} min in all.`);
process.exitCode = failed ? 1 : 0;
