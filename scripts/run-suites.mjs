#!/usr/bin/env node
// Runs the build, the checks and every test suite in order, streaming their output,
// then prints one summary line per runner and a total. Suites are listed in
// scripts/suites.json so a new runtime or package is one entry.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

const suites = JSON.parse(readFileSync(new URL("./suites.json", import.meta.url), "utf8"));
const only = process.argv.slice(2);
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC
const ansi = /\x1b\[[0-9;]*[A-Za-z]/g;

/** Extracts passed/failed/skipped counts from a runner's output. */
const parsers = {
  vitest(text) {
    const line = [...text.matchAll(/^\s*Tests\s+(.*\(\d+\))\s*$/gm)].pop()?.[1];
    if (!line) return undefined;
    const count = (word) => Number(line.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
    return {
      passed: count("passed"),
      failed: count("failed"),
      skipped: count("skipped") + count("todo"),
    };
  },
  bun(text) {
    const passed = text.match(/^\s*(\d+) pass\s*$/m);
    const failed = text.match(/^\s*(\d+) fail\s*$/m);
    if (!passed && !failed) return undefined;
    return { passed: Number(passed?.[1] ?? 0), failed: Number(failed?.[1] ?? 0), skipped: 0 };
  },
  deno(text) {
    const line = [...text.matchAll(/^(?:ok|FAILED) \| (\d+) passed.*?\| (\d+) failed.*$/gm)].pop();
    if (!line) return undefined;
    return { passed: Number(line[1]), failed: Number(line[2]), skipped: 0 };
  },
  /** A runner's own "N passed, N failed" line (optionally prefixed "name: "). */
  plain(text) {
    const line = [...text.matchAll(/^(?:[\w-]+: )?(\d+) passed, (\d+) failed/gm)].pop();
    if (!line) return undefined;
    return { passed: Number(line[1]), failed: Number(line[2]), skipped: 0 };
  },
  tap(text) {
    const passed = text.match(/^ok\b/gm)?.length ?? 0;
    const failed = text.match(/^not ok\b/gm)?.length ?? 0;
    if (passed + failed === 0) return undefined;
    return { passed, failed, skipped: 0 };
  },
  playwright(text) {
    const passed = [...text.matchAll(/^\s*(\d+) passed/gm)].pop();
    const failed = [...text.matchAll(/^\s*(\d+) failed/gm)].pop();
    if (!passed && !failed) return undefined;
    return { passed: Number(passed?.[1] ?? 0), failed: Number(failed?.[1] ?? 0), skipped: 0 };
  },
};

function run(suite) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n━━━ ${suite.name} ━━━ ${suite.command}`);
    const child = spawn(suite.command, {
      shell: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0" },
    });
    let output = "";
    const keep = (chunk, stream) => {
      stream.write(chunk);
      output += chunk.toString();
      if (output.length > 4_000_000) output = output.slice(-2_000_000);
    };
    child.stdout.on("data", (chunk) => keep(chunk, process.stdout));
    child.stderr.on("data", (chunk) => keep(chunk, process.stderr));
    child.on("close", (code) => {
      const text = output.replace(ansi, "");
      const counts = suite.parser ? parsers[suite.parser](text) : undefined;
      resolve({ suite, code, counts, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const results = [];
for (const suite of suites) {
  if (only.length > 0 && !only.some((name) => suite.name.includes(name))) continue;
  results.push(await run(suite));
}

console.log("\n━━━ Summary ━━━");
let passed = 0;
let failed = 0;
let skipped = 0;
for (const { suite, code, counts, seconds } of results) {
  const ok = code === 0 && (!counts || counts.failed === 0);
  const detail = counts
    ? `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}`
    : code === 0
      ? "ok"
      : `exit ${code}`;
  console.log(
    `${ok ? "✔" : "✘"} ${suite.name.padEnd(42)} ${detail.padEnd(36)} ${seconds.toFixed(0)}s`,
  );
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped;
  }
  if (!ok && !counts) failed += 1;
  if (!ok && counts && counts.failed === 0) failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
