// Indexes one archive with @luml/node in a fresh process (as a CLI's first upload
// would, JIT cold) and prints {ms, cpuMs, mainCpuMs, warmMs, members} as JSON: `ms` is
// the first indexing, `cpuMs` its CPU time in all threads, `mainCpuMs` the main
// thread's alone (Linux; absent elsewhere), `warmMs` the median of three more in the
// same process.
import { readFileSync, statSync } from "node:fs";
import { pathToFileURL } from "node:url";

// LUML_BENCH_DIST: another build of @luml/node (an older one, to compare with).
const { FileBlob, indexArchive } = await import(
  process.env.LUML_BENCH_DIST ? pathToFileURL(process.env.LUML_BENCH_DIST).href : "../dist/index.js"
);

const [path] = process.argv.slice(2);
const blob = new FileBlob(path, 0, statSync(path).size);
let started = performance.now();
const cpuStart = process.cpuUsage();
const mainStart = mainThreadCpuMs();
const index = await indexArchive(blob);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
const mainCpuMs = mainStart === undefined ? undefined : mainThreadCpuMs() - mainStart;
const warm = [];
for (let round = 0; round < 3; round++) {
  started = performance.now();
  await indexArchive(blob);
  warm.push(performance.now() - started);
}
warm.sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({ ms, cpuMs, mainCpuMs, warmMs: warm[1], members: Object.keys(index.file_index).length })}\n`,
);

/**
 * The main thread's CPU time in ms: the scheduler's count in nanoseconds (Linux's
 * schedstat), without V8's compiler and collector threads, which run beside it.
 */
function mainThreadCpuMs() {
  try {
    return (
      Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ")[0]) / 1e6
    );
  } catch {
    return undefined;
  }
}
