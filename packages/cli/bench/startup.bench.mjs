// How long `luml` takes to answer when it has nothing to fetch: `--version`,
// `--help`, and a command stopped by its configuration (no API key: exit 3), against
// Node starting an empty script, measured in the same run. Every run is a fresh
// process, the commands alternate, order rotated each round; medians (min–max).
// LUML_BENCH_BEFORE=<another build's dist/cli.js> adds that build beside this one;
// LUML_BENCH_STARTUP_ROUNDS sets the rounds (default 15).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median, spread } from "../../../scripts/bench-stats.mjs";

const rounds = Number(process.env.LUML_BENCH_STARTUP_ROUNDS ?? 15);
const current = fileURLToPath(new URL("../bin/luml.js", import.meta.url));
const builds = [["this build", current]];
if (process.env.LUML_BENCH_BEFORE) builds.push(["before", process.env.LUML_BENCH_BEFORE]);

// A HOME of its own: no config file or key of this machine's is read.
const home = mkdtempSync(join(tmpdir(), "luml-startup-bench-"));
const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, ".config") };

const cases = [["node -e 0 (baseline)", ["-e", "0"], 0]];
for (const [build, bin] of builds) {
  cases.push([`${build}: luml --version`, [bin, "--version"], 0]);
  cases.push([`${build}: luml --help`, [bin, "--help"], 0]);
  cases.push([`${build}: luml ls, no API key (exit 3)`, [bin, "ls"], 3]);
}

/** Wall milliseconds of one fresh process; fails loudly if it did not do its job. */
function time([name, args, expected]) {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { env, encoding: "utf8" });
  const milliseconds = performance.now() - started;
  if (run.status !== expected) {
    throw new Error(`${name}: exit ${run.status}, expected ${expected}\n${run.stderr}`);
  }
  return milliseconds;
}

const samples = cases.map(() => []);
for (const test of cases) time(test); // warm the page cache
for (let round = 0; round < rounds; round++) {
  for (let turn = 0; turn < cases.length; turn++) {
    const index = (round + turn) % cases.length;
    samples[index].push(time(cases[index]));
  }
}
rmSync(home, { recursive: true, force: true });

const baseline = median(samples[0]);
console.log(`luml start-up, ${rounds} alternating rounds, fresh processes, median (min–max) ms\n`);
console.log("| run | wall ms | over node -e 0 |");
console.log("|---|---|---|");
for (const [index, [name]] of cases.entries()) {
  const values = samples[index];
  const over = index === 0 ? "" : `+${(median(values) - baseline).toFixed(0)} ms`;
  console.log(`| ${name} | ${spread(values)} | ${over} |`);
}
