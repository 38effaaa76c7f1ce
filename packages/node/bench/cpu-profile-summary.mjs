// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the
// most self time, as `self ms  self %  function  file:line`.
// Usage: node bench/cpu-profile-summary.mjs <file.cpuprofile> [top=15]
import { readFileSync } from "node:fs";

export function summarizeProfile(path, top = 15) {
  const profile = JSON.parse(readFileSync(path, "utf8"));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map();
  for (let index = 0; index < profile.samples.length; index++) {
    const id = profile.samples[index];
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  }
  const byFunction = new Map();
  let total = 0;
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id).callFrame;
    const file = frame.url ? frame.url.replace(/^.*\/(packages|node_modules)\//, "$1/") : "";
    const key = `${frame.functionName || "(anonymous)"}  ${file}${file ? `:${frame.lineNumber + 1}` : ""}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    total += micros;
  }
  const rows = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top);
  const lines = [`total ${(total / 1000).toFixed(1)} ms sampled`];
  for (const [key, micros] of rows) {
    lines.push(
      `${(micros / 1000).toFixed(1).padStart(8)} ms ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${key}`,
    );
  }
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(summarizeProfile(process.argv[2], Number(process.argv[3]) || 15));
}
