// Index benchmark: @luml/node's `indexArchive` against Python's `tarfile` (or
// `tar -tvf` where python3 is missing) on the same archives on disk, 10,000 and
// 100,000 small members (the shape of a model's file tree).
//
// Fairness: every indexing runs in a fresh process and each side times its own
// work (no interpreter start-up): ours is the first `indexArchive` of the process
// (JIT cold, as a CLI's one upload) and, reported apart, the median of three more
// in the same process (warm); Python opens the archive with `tarfile.open` and
// builds the same `{name: [offset_data, size]}` of regular members. After one
// warm-up of each (the file is in the page cache for both), the two alternate for N
// rounds, the order flipping every round; the median and spread (min–max) of each
// and the median of the per-round ratios are printed.
//
// `node bench/index.bench.mjs [members...]` (default 10000 100000) after a build;
// LUML_BENCH_ROUNDS sets N (default 5); LUML_BENCH_PROFILE=<dir> also writes a
// CPU profile of one indexing of the largest archive and prints its top self times;
// LUML_BENCH_BEFORE=<path to another build's dist/index.js> adds that build as a
// third contestant in the same rounds (before/after a change).
//
// On a shared, loaded machine wall time is CPU time times the contention: the CPU
// time of each side (process.cpuUsage, time.process_time) is printed beside it, and
// when the load average exceeds the cores the verdict is on CPU time: our main
// thread's where Linux tells it. Node's JIT compiler and garbage collector run on
// threads beside the main one (in a first, JIT-cold indexing they add about half
// again), off the path the caller waits on on an idle machine; Python's tarfile
// runs on one thread, so its process time is its main thread's.
import { execFile, execFileSync } from "node:child_process";
import { mkdir, mkdtemp, open, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { median, spread, verdict } from "../../../scripts/bench-stats.mjs";
import { summarizeProfile } from "./cpu-profile-summary.mjs";

const run = promisify(execFile);
const here = new URL(".", import.meta.url).pathname;
const counts = (process.argv.slice(2).length ? process.argv.slice(2) : ["10000", "100000"]).map(
  Number,
);
const rounds = Number(process.env.LUML_BENCH_ROUNDS) || 5;
const profileDir = process.env.LUML_BENCH_PROFILE;
const before = process.env.LUML_BENCH_BEFORE;
const python = hasCommand("python3", ["--version"]) ? "python3" : undefined;
const pythonIndex = `
import sys, tarfile, time
started = time.perf_counter()
cpu = time.process_time()
with tarfile.open(sys.argv[1]) as tf:
    index = {m.name: [m.offset_data, m.size] for m in tf.getmembers() if m.isreg()}
print((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000, len(index))
`;

function hasCommand(command, args) {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const folder = await mkdtemp(join(tmpdir(), "luml-index-bench-"));
try {
  const results = [];
  for (const count of counts) {
    const path = join(folder, `members-${count}.fnnx`);
    await writeArchive(path, count);
    results.push({ count, ...(await compare(path, count)) });
    if (profileDir && count === Math.max(...counts)) await profile(path, count);
  }
  console.log(
    `\nindexArchive vs ${python ? "Python tarfile" : "tar -tvf"}, ${rounds} rounds, median (min–max)`,
  );
  const loaded = loadavg()[0] > cpus().length;
  for (const { count, ours, oursCpu, oursMainCpu, warm, base, baseCpu, ratio, old } of results) {
    const target = count <= 10_000 ? 100 : 1000;
    const [judged, basis] = !loaded
      ? [ours, "wall time"]
      : oursMainCpu.length
        ? [oursMainCpu, "main-thread CPU time: the load average is above the cores"]
        : [oursCpu, "CPU time: the load average is above the cores"];
    const mainCpu = oursMainCpu.length ? ` (main thread ${spread(oursMainCpu, 1)} ms)` : "";
    console.log(
      `${verdict(median(judged) < target)} ${count.toLocaleString("en")} members: ours ${spread(ours, 1)} ms wall, ${spread(oursCpu, 1)} ms CPU${mainCpu} (first in process; target < ${target} ms, judged on ${basis}), warm ${spread(warm, 1)} ms; ${python ? "tarfile" : "tar -tvf (wall, with start-up)"} ${spread(base, 1)} ms wall, ${python ? spread(baseCpu, 1) : "n/a"} ms CPU; ours/baseline wall time ${median(ratio).toFixed(2)}×${old.ms.length ? `; before: ${spread(old.ms, 1)} ms wall, ${spread(old.cpuMs, 1)} ms CPU` : ""}`,
    );
  }
  console.log(
    `load average at the end: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(" ")} on ${cpus().length} cores`,
  );
} finally {
  await rm(folder, { recursive: true, force: true });
}

async function compare(path, count) {
  const ours = [];
  const oursCpu = [];
  const oursMainCpu = [];
  const warm = [];
  const base = [];
  const baseCpu = [];
  const ratio = [];
  const old = { ms: [], cpuMs: [] };
  await runOurs(path, count);
  await runBaseline(path, count);
  if (before) await runOurs(path, count, before);
  for (let round = 0; round < rounds; round++) {
    let a;
    let b;
    let c;
    const steps = [
      async () => {
        a = await runOurs(path, count);
      },
      async () => {
        b = await runBaseline(path, count);
      },
      ...(before
        ? [
            async () => {
              c = await runOurs(path, count, before);
            },
          ]
        : []),
    ];
    if (round % 2 === 1) steps.reverse();
    for (const step of steps) await step();
    if (c) {
      old.ms.push(c.ms);
      old.cpuMs.push(c.cpuMs);
    }
    ours.push(a.ms);
    oursCpu.push(a.cpuMs);
    if (a.mainCpuMs !== undefined) oursMainCpu.push(a.mainCpuMs);
    warm.push(a.warmMs);
    base.push(b.ms);
    baseCpu.push(b.cpuMs);
    ratio.push(a.ms / b.ms);
  }
  return { ours, oursCpu, oursMainCpu, warm, base, baseCpu, ratio, old };
}

async function runOurs(path, count, dist) {
  const env = dist ? { ...process.env, LUML_BENCH_DIST: dist } : process.env;
  const { stdout } = await run("node", [join(here, "index-child.mjs"), path], { env });
  const result = JSON.parse(stdout);
  if (result.members !== count) throw new Error(`indexed ${result.members} of ${count} members`);
  return result;
}

async function runBaseline(path, count) {
  if (python) {
    const { stdout } = await run(python, ["-c", pythonIndex, path]);
    const [ms, cpuMs, members] = stdout.trim().split(" ").map(Number);
    if (members !== count) throw new Error(`tarfile indexed ${members} of ${count} members`);
    return { ms, cpuMs };
  }
  const started = performance.now();
  await run("tar", ["-tvf", path], { maxBuffer: 1 << 30 });
  const ms = performance.now() - started;
  return { ms, cpuMs: Number.NaN };
}

async function profile(path, count) {
  await mkdir(profileDir, { recursive: true });
  // With LUML_BENCH_BEFORE, the other build is profiled on the same archive too.
  const builds = [["this build", undefined], ...(before ? [["before", before]] : [])];
  for (const [label, dist] of builds) {
    const name = `index-${count}-${label.replace(" ", "-")}-${Date.now()}.cpuprofile`;
    await run(
      "node",
      [
        "--cpu-prof",
        "--cpu-prof-interval=100",
        `--cpu-prof-dir=${profileDir}`,
        `--cpu-prof-name=${name}`,
        join(here, "index-child.mjs"),
        path,
      ],
      { env: dist ? { ...process.env, LUML_BENCH_DIST: dist } : process.env },
    );
    console.log(
      `\nCPU profile, ${label}, indexing ${count.toLocaleString("en")} members (one cold + three warm runs), top self time:`,
    );
    console.log(summarizeProfile(join(profileDir, name), 15));
  }
}

/** A model archive: manifest.json, then `count - 1` small regular files under files/. */
async function writeArchive(path, count) {
  const file = await open(path, "w");
  try {
    const mtime = Math.floor(Date.now() / 1000);
    const batch = [];
    let batchBytes = 0;
    for (let index = 0; index < count; index++) {
      const name = index === 0 ? "manifest.json" : `files/dir-${index % 100}/member-${index}.txt`;
      const data = Buffer.from(
        index === 0
          ? JSON.stringify({
              artifact_type: "model",
              variant: "pipeline",
              producer_name: "luml-bench",
              producer_version: "0.0.0",
              producer_tags: [],
              payload: {},
            })
          : `member ${index}\n`,
      );
      const block = Buffer.alloc(512 + Math.ceil(data.length / 512) * 512);
      writeHeader(block, name, data.length, mtime);
      data.copy(block, 512);
      batch.push(block);
      batchBytes += block.length;
      if (batchBytes > 8 << 20) {
        await file.write(Buffer.concat(batch));
        batch.length = 0;
        batchBytes = 0;
      }
    }
    batch.push(Buffer.alloc(1024));
    await file.write(Buffer.concat(batch));
  } finally {
    await file.close();
  }
}

function writeHeader(header, name, size, mtime) {
  header.write(name, 0, "utf8");
  header.write("0000644\0", 100);
  header.write("0001750\0", 108);
  header.write("0001750\0", 116);
  header.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  header.write(`${mtime.toString(8).padStart(11, "0")}\0`, 136);
  header.write("        ", 148);
  header.write("0", 156);
  header.write("ustar\0", 257);
  header.write("00", 263);
  header.write("luml", 265);
  header.write("luml", 297);
  let checksum = 0;
  for (let index = 0; index < 512; index++) checksum += header[index];
  header.write(`${checksum.toString(8).padStart(6, "0")}\0 `, 148);
}
