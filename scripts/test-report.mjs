#!/usr/bin/env node
// `npm test`: turbo builds, lints, type-checks and runs every task below in every
// workspace package that has it (one at a time: the runtime suites time real
// transfers), then this prints one line per task from its log and a total.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";

const tasks = ["build", "lint", "typecheck", "test", "test:bun", "test:deno", "test:browser"];
tasks.push("test:node20", "test:node22", "test:node24", "test:chromium", "fault-table");
tasks.push("size", "publint", "attw", "publish:dry-run", "docs");
const runs = ".turbo/runs";
mkdirSync(runs, { recursive: true });
const before = new Set(readdirSync(runs));
const turbo = spawn(
  "turbo",
  ["run", ...tasks, "--continue", "--concurrency=1", "--summarize", ...process.argv.slice(2)],
  { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, FORCE_COLOR: "0" } },
);
// Turbo prefixes each task's lines with `<package>:<task>: ` (cached ones replayed too).
const logs = new Map();
let partial = "";
turbo.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  const lines = (partial + chunk).split("\n");
  partial = lines.pop() ?? "";
  for (const line of lines) {
    const prefix = line.match(/^(\S+?:[\w:-]+): /)?.[1];
    if (prefix) logs.set(prefix, `${logs.get(prefix) ?? ""}${line.slice(prefix.length + 2)}\n`);
  }
});
const status = await new Promise((resolve) => turbo.on("close", resolve));
const summaryFile = readdirSync(runs).find((name) => !before.has(name));
const summary = JSON.parse(readFileSync(`${runs}/${summaryFile}`, "utf8"));

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC
const ansi = /\x1b\[[0-9;]*[A-Za-z]/g;
const last = (text, pattern) => [...text.matchAll(pattern)].pop();
/** Each runner's closing counts: [passed, failed], or undefined when it printed none. */
function counts(text) {
  const vitest = last(text, /^\s*Tests\s+(.*\(\d+\))\s*$/gm)?.[1];
  if (vitest) return ["passed", "failed"].map((w) => Number(vitest.match(`(\\d+) ${w}`)?.[1] ?? 0));
  const bun = [/^\s*(\d+) pass$/m, /^\s*(\d+) fail$/m].map((p) => text.match(p)?.[1]);
  if (bun.some(Boolean)) return bun.map((n) => Number(n ?? 0));
  const deno = last(text, /^(?:ok|FAILED) \| (\d+) passed.*?\| (\d+) failed/gm);
  if (deno) return [Number(deno[1]), Number(deno[2])];
  const plain = last(text, /^(?:[\w-]+: )?(\d+) passed, (\d+) failed/gm);
  if (plain) return [Number(plain[1]), Number(plain[2])];
}

/**
 * The names of the tests a runner reported failed, each with the first line of its
 * error where the runner prints one (Vitest), so a log's tail alone says what broke.
 */
function failures(text) {
  const lines = text.split("\n");
  const found = [];
  lines.forEach((line, index) => {
    const vitest = line.match(/^\s*FAIL\s+(.+>.+)$/)?.[1];
    const bun = line.match(/^\(fail\) (.+)$/)?.[1];
    const deno = line.match(/^(.+?) \.\.\. FAILED/)?.[1];
    // An error outside any test (a type error under --typecheck, an unhandled rejection).
    const unhandled = /^⎯+ Unhandled (?!Errors)(.+?) ⎯+$/.exec(line.trim())?.[1];
    // A type error, as tsc (`file(line,col): error TS…`) or typedoc (`file:line:col - error TS…`) prints it.
    const typeError = /^(\S+(?:\(\d+,\d+\)|:\d+:\d+))(?::| -) error (TS\d+: .*)$/.exec(line.trim());
    const name = vitest ?? bun ?? deno ?? unhandled ?? typeError?.slice(1, 3).join(": ");
    if (!name) return;
    const error =
      vitest || unhandled ? lines.slice(index + 1).find((next) => next.trim()) : undefined;
    found.push(error ? `${name.trim()}: ${error.trim().slice(0, 200)}` : name.trim());
  });
  return [...new Set(found)];
}

let passed = 0;
let failed = 0;
console.log("\n━━━ Summary ━━━");
const ran = summary.tasks.filter((t) => t.execution?.startTime);
ran.sort((a, b) => a.execution.startTime - b.execution.startTime);
for (const task of ran) {
  const code = task.execution.exitCode;
  const prefix = `${task.package}:${task.task}`;
  const text = (logs.get(prefix) ?? "").replace(ansi, "");
  const found = counts(text);
  const ok = code === 0 && (!found || found[1] === 0);
  const cached = task.cache.status === "HIT" ? " (cached)" : "";
  const detail = found ? `${found[0]} passed, ${found[1]} failed` : ok ? "ok" : `exit ${code}`;
  const seconds = ((task.execution.endTime - task.execution.startTime) / 1000).toFixed(0);
  console.log(
    `${ok ? "✔" : "✘"} ${task.taskId.padEnd(48)} ${detail.padEnd(24)} ${seconds}s${cached}`,
  );
  if (!ok) for (const name of failures(text).slice(0, 20)) console.log(`    ✘ ${name}`);
  passed += found ? found[0] : ok ? 1 : 0;
  failed += found ? Math.max(found[1], ok ? 0 : 1) : ok ? 0 : 1;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || status !== 0 ? 1 : 0);
