// Transfer benchmark: @luml/node against `curl` (download) and the fastest sha256
// tool on the machine (`openssl dgst -sha256`, SHA-NI where the CPU has it, or
// `sha256sum`, whichever hashes the file faster here) + `curl -T` (upload) on the
// dev server's S3 and Azure emulators, in the same run.
//
// Fairness: the dev server runs in its own child process (azurite in another), and
// every transfer — ours and the baseline — runs in a fresh child process, so no
// server work is charged to the SDK's event loop. After one warm-up of each, ours
// and the baseline alternate for N rounds (the order flips every round), each pair
// on the same object, so both see the same cache state and machine load; the
// median and the spread are reported, and the verdict uses the median of the
// per-round ratios. Upload MiB/s includes hashing and indexing; download MiB/s
// includes verifying the sha256, the fsync and the rename (curl does neither).
// Downloads also run against a baseline that verifies like ours: curl piped through
// tee (the file) into the same sha256 tool, in the same rotation (ours, curl -o, the
// pipeline, each round starting with the next).
// On Linux it also reads from /proc the CPU seconds each download took, in the
// client and in the dev server with its emulators, and prints the best ratio to
// curl those seconds allow when every core is busy: where the server shares the
// client's cores, that, not the SDK's code path, can be what bounds the ratio.
//
// Link-bound downloads, same run, S3 and Azure: the dev server sends the same object at
// LUML_BENCH_LINK_MIBS MiB/s (default 100, about 0.84 Gbit/s; 0 skips it) through a
// `bytesPerSecond` fault, and ours and `curl -o` alternate for N rounds. There the
// link, not this machine's cores, is the limit, as on most networks users have: the
// ratio shows whether verifying (hashing every byte, the fsync) still costs time once
// the emulators no longer take the cores the sha256 needs.
//
// CPU pinning (off by default, the way users run it; LUML_BENCH_PIN=1 pins where
// `taskset` exists and there are 2+ cores): here the storage emulators run on the
// same machine as the client, which they never do in production, so the SDK's
// sha256 competes with the emulators for the same cores while curl, which hashes
// nothing, does not. Pinned, the server gets the first half of the cores and every
// client — ours, curl and the hash tool alike — the other half.
//
// Run `pnpm bench` at the repository root (builds first) or
// `node bench/transfer.bench.mjs [sizeGiB...]` in packages/node (default 0.5: above
// the multipart threshold, and what azurite's in-memory store holds for a run). Speeds
// use the first size; later sizes only read the peak RSS of an S3 upload.
// LUML_BENCH_ROUNDS sets N (default 3); LUML_BENCH_PROFILE=<dir> adds one
// CPU-profiled download per storage and prints its top self times (the hashing
// worker's profile too); LUML_BENCH_DETECTION=1 adds uploads without the
// changed-file detection (what it costs); LUML_BENCH_SWEEP=1 adds S3 upload timings
// and peak RSS with 1, 2, 4 and 8 parts in flight, and S3 download timings with 1, 2
// and 4 ranges in flight.
//
// Vendor SDKs, same run, first size: the same file uploaded with @aws-sdk/lib-storage's
// `Upload` (S3) and @azure/storage-blob's `BlockBlobClient.uploadFile` (Azure) at the
// SDK's part size and concurrency (the service's part size for the file, 4 parts in
// flight; below the multipart threshold one PutObject / one-shot upload, as the SDK's
// single PUT), alternating with ours for LUML_BENCH_VENDOR_ROUNDS rounds (default 1),
// each in a fresh child process: throughput and
// peak RSS. The vendor SDKs talk to s3rver and azurite directly (the dev server's
// signature-checking proxy takes presigned URLs only), so they skip one loopback hop
// the SDK's requests take.
//
// Runtimes, same run: peak RSS of an upload and a download of the same S3 file with
// Node 20 (this Node), Node 22 and 24 (tests/runtime/ensure-node.mjs installs them),
// Bun and Deno (@luml/deno), at each size of LUML_BENCH_RSS_SIZES (MiB, default
// "256,600,4096", up to 4096: one PUT, then multipart at two sizes; LUML_BENCH_RUNTIME_ROUNDS rounds, default 1), next to the
// runtime's peak with the SDK loaded and nothing
// transferred. LUML_BENCH_RUNTIMES=0 skips it, LUML_BENCH_VENDORS=0 the vendor SDKs.
// LUML_BENCH_MULTIPART_THRESHOLD (bytes, default the service's 500 MiB) is passed to
// the dev server, so small runs can exercise multipart uploads too.
// LUML_BENCH_ONLY=runtimes runs the runtime table alone (no throughput rows, no vendors);
// LUML_BENCH_RUNTIME_NAMES=Bun,Deno keeps the runtimes whose name starts with one of those.
import { execFile, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, readdir, rm, stat, statfs } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { defaultPartSize } from "@luml/dev-server";
import { tarHeader } from "../../../scripts/bench-archive.mjs";
import { median, spread, verdict } from "../../../scripts/bench-stats.mjs";
import { LumlClient } from "../dist/index.js";
import { summarizeProfile } from "./cpu-profile-summary.mjs";
import * as cpuTime from "./cpu-time.mjs";

const run = promisify(execFile);
const mebibyte = 1024 * 1024;
const gibibyte = 1024 * mebibyte;
/** The archives' manifest: the LUML-artifact form the service requires (the SDK checks it). */
const benchManifest = {
  artifact_type: "model",
  variant: "pipeline",
  producer_name: "luml-bench",
  producer_version: "0.0.0",
  producer_tags: [],
  payload: {},
};
const sizes = (process.argv.slice(2).length ? process.argv.slice(2) : ["0.5"]).map(Number);
const rounds = Number(process.env.LUML_BENCH_ROUNDS) || 3;
const here = new URL(".", import.meta.url).pathname;
const pinning = cpuPinning();
const multipartThreshold = Number(process.env.LUML_BENCH_MULTIPART_THRESHOLD) || 500 * mebibyte;
/** The SDK's default number of parts in flight (packages/core's defaultUploadConcurrency). */
const uploadConcurrency = 4;
const rssSizes = (process.env.LUML_BENCH_RSS_SIZES ?? "256,600,4096").split(",").map(Number);
/**
 * Node before 22 is past its end of life (April 2026): measured up to this size, not
 * at the largest, which keeps the whole run near 15 minutes on 2 cores.
 */
const endOfLifeLargestMiB = 1024;
/** Rounds of the vendor SDK comparison (each a pair of uploads). */
const vendorRounds = Number(process.env.LUML_BENCH_VENDOR_ROUNDS) || 1;
/** Rounds of the runtime table: peaks are steady, and a 4 GiB round takes minutes. */
const runtimeRounds = Number(process.env.LUML_BENCH_RUNTIME_ROUNDS) || 1;
/** Whether to also time uploads without the changed-file detection (LUML_BENCH_DETECTION=1). */
const measureDetection = process.env.LUML_BENCH_DETECTION === "1";
if (rssSizes.some((mib) => !(mib > 0 && mib <= 4096)))
  throw new RangeError(`LUML_BENCH_RSS_SIZES: MiB between 1 and 4096, got ${rssSizes}`);
const repository = fileURLToPath(new URL("../../../", import.meta.url));
const onlyRuntimes = process.env.LUML_BENCH_ONLY === "runtimes";
const linkRate = Number(process.env.LUML_BENCH_LINK_MIBS ?? 100) * mebibyte;

/** The server's and the clients' CPU lists for `taskset`, or undefined when not pinning. */
function cpuPinning() {
  if (process.env.LUML_BENCH_PIN !== "1" || cpus().length < 2) return undefined;
  try {
    execFileSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  const half = Math.floor(cpus().length / 2);
  const range = (from, to) => (from === to ? `${from}` : `${from}-${to}`);
  return { server: range(0, half - 1), client: range(half, cpus().length - 1) };
}

/** `command args` run on the given side's CPUs when pinning. */
function pinned(side, command, args) {
  return pinning ? ["taskset", ["-c", pinning[side], command, ...args]] : [command, args];
}

/** Runs a client-side command (ours or a baseline) to completion. */
function runClient(command, args, options) {
  return run(...pinned("client", command, args), options);
}

const loadAtStart = loadavg();
const folder = await mkdtemp(join(tmpdir(), "luml-bench-"));
const storageFolder = await chooseStorageFolder();
const server = await startServer();
const rows = [];
const memory = [];
const sweep = [];
const profiles = [];
const vendors = [];
const runtimeRows = [];
const runtimeNotes = [];
const started = performance.now();
let hasher;
try {
  for (const gib of onlyRuntimes ? [] : sizes) {
    const path = join(folder, `bench-${gib}g.fnnx`);
    await writeArchive(path, gib * gibibyte);
    const size = (await stat(path)).size;
    if (gib === sizes[0]) {
      hasher = await fastestHasher(path, size);
      for (const kind of ["s3", "azure"]) {
        rows.push(await measure(kind, path, size, `${gib} GiB`));
        console.error(`done: ${gib} GiB ${kind}`);
      }
      if (process.env.LUML_BENCH_VENDORS !== "0") {
        for (const kind of ["s3", "azure"]) {
          vendors.push(await measureVendor(kind, path, size, `${gib} GiB`));
          console.error(`done: ${gib} GiB ${kind} vendor SDK`);
        }
      }
      if (process.env.LUML_BENCH_SWEEP) await runSweep(path, size);
    } else {
      const upload = await uploadInChild(scopeOf("s3"), path);
      await deleteArtifact("s3", upload.id);
      memory.push({ file: `${gib} GiB`, rssMiB: upload.maxRssBytes / mebibyte });
      console.error(`done: ${gib} GiB s3 (memory)`);
    }
    await rm(path);
  }
  if (process.env.LUML_BENCH_RUNTIMES !== "0") await measureRuntimes();
} finally {
  await server.stop();
  await rm(folder, { recursive: true, force: true });
}
const loadAtEnd = loadavg();
printMachine();
if (hasher) console.log(hasher.report);
if (rows.length) printTable(rows);
if (rows.length) printVerifiedDownloads(rows);
if (rows.length) printDownloadCpu(rows);
if (rows.length) printLinkBound(rows);
for (const line of sweep) console.log(line);
for (const line of profiles) console.log(line);
printVendors(vendors);
printRuntimes(runtimeRows);
printVerdicts(rows, memory);
printRuntimeVerdicts(runtimeRows);
console.log(`\nBench run: ${((performance.now() - started) / 60000).toFixed(1)} min.`);

/**
 * Times uploads and downloads of one storage kind: a warm-up of each, then
 * `rounds` alternating pairs of ours and the baseline.
 */
async function measure(kind, path, size, file) {
  const scope = scopeOf(kind);
  const uploads = {
    ...{ ours: [], baseline: [], ratios: [], rss: [] },
    ...{ checked: [], unchecked: [], detection: [], detectionCpu: [] },
  };
  const downloads = {
    ...{ ours: [], baseline: [], ratios: [], rss: [], pipeline: [], pipelineRatios: [] },
    cpu: { ours: [], curl: [], pipeline: [] },
    linked: { ours: [], curl: [], ratios: [] },
  };
  const toMiBs = (seconds) => size / mebibyte / seconds;
  const oursUpload = async () => {
    const result = await uploadInChild(scope, path);
    uploads.rss.push(result.maxRssBytes / mebibyte);
    return result;
  };
  // Warm-up: both tools read the file once (page cache), the server warms its paths.
  let kept = await oursUpload();
  await curlUpload(kind, path, size);
  for (let round = 0; round < rounds; round++) {
    const oursFirst = round % 2 === 0;
    let ours;
    let baseline;
    if (oursFirst) {
      ours = await oursUpload();
      baseline = await curlUpload(kind, path, size);
    } else {
      baseline = await curlUpload(kind, path, size);
      ours = await oursUpload();
    }
    // Only one uploaded copy is kept (the emulators hold every object).
    await deleteArtifact(kind, kept.id);
    kept = ours;
    uploads.ours.push(toMiBs(ours.seconds));
    uploads.baseline.push(toMiBs(baseline));
    uploads.ratios.push(baseline / ours.seconds);
  }
  // What detecting a file changed mid-upload costs: the same upload with and without
  // the opening snapshot (no size/time checks), alternating which goes first. Wall
  // time and the client's CPU time, which load on a shared machine disturbs far less.
  for (let round = 0; round < (measureDetection ? 2 * rounds : 0); round++) {
    const pair = [
      () => uploadInChild(scope, path),
      () => uploadInChild(scope, path, undefined, "unchecked"),
    ];
    if (round % 2 === 1) pair.reverse();
    const first = await pair[0]();
    await deleteArtifact(kind, first.id);
    const second = await pair[1]();
    await deleteArtifact(kind, second.id);
    const [checked, unchecked] = round % 2 === 0 ? [first, second] : [second, first];
    uploads.checked.push(toMiBs(checked.seconds));
    uploads.unchecked.push(toMiBs(unchecked.seconds));
    uploads.detection.push(unchecked.seconds / checked.seconds);
    uploads.detectionCpu.push(unchecked.cpuSeconds / checked.cpuSeconds);
  }
  // Downloads: the same stored object for both tools.
  const luml = new LumlClient({ baseUrl: server.baseUrl, apiKey: server.apiKey, ...scope });
  const { url } = await luml.artifacts.downloadUrl(kept.id);
  const target = join(folder, `download-${kind}.fnnx`);
  const oursDownload = async () => {
    const result = await downloadInChild(scope, kept.id, target);
    downloads.rss.push(result.maxRssBytes / mebibyte);
    await rm(target);
    return result.seconds;
  };
  const curlDownload = async () => {
    const started = performance.now();
    await runClient("curl", ["-sS", "-f", "-o", target, url]);
    const seconds = (performance.now() - started) / 1000;
    await rm(target);
    return seconds;
  };
  // The verified baseline: what a script that checks its download does with the
  // machine's own tools, curl piped through tee (the file) and the fastest hasher.
  const expected = await hasher.hash(path);
  const pipelineDownload = async () => {
    const started = performance.now();
    const { stdout } = await runClient("bash", [
      "-c",
      'set -o pipefail; url=$1 file=$2; shift 2; curl -sS -f "$url" | tee "$file" | "$@"',
      "bash",
      url,
      target,
      ...hasher.stdinCommand,
    ]);
    const seconds = (performance.now() - started) / 1000;
    if (stdout.split(" ")[0] !== expected) throw new Error("curl | tee | hash: wrong sha256");
    await rm(target);
    return seconds;
  };
  await oursDownload();
  await curlDownload();
  await pipelineDownload();
  for (let round = 0; round < rounds; round++) {
    // The three in turn, each round starting with the next one.
    const runs = [
      ["ours", () => withCpu(oursDownload, downloads.cpu.ours)],
      ["curl", () => withCpu(curlDownload, downloads.cpu.curl)],
      ["pipeline", () => withCpu(pipelineDownload, downloads.cpu.pipeline)],
    ];
    const seconds = {};
    for (let turn = 0; turn < runs.length; turn++) {
      const [name, timed] = runs[(round + turn) % runs.length];
      seconds[name] = await timed();
    }
    downloads.ours.push(toMiBs(seconds.ours));
    downloads.baseline.push(toMiBs(seconds.curl));
    downloads.ratios.push(seconds.curl / seconds.ours);
    downloads.pipeline.push(toMiBs(seconds.pipeline));
    downloads.pipelineRatios.push(seconds.pipeline / seconds.ours);
  }
  if (linkRate > 0) {
    await setLinkRate(kind, linkRate);
    try {
      for (let round = 0; round < rounds; round++) {
        const pair = [oursDownload, curlDownload];
        if (round % 2 === 1) pair.reverse();
        const [first, second] = [await pair[0](), await pair[1]()];
        const [ours, curl] = round % 2 === 0 ? [first, second] : [second, first];
        downloads.linked.ours.push(toMiBs(ours));
        downloads.linked.curl.push(toMiBs(curl));
        downloads.linked.ratios.push(curl / ours);
      }
    } finally {
      await setLinkRate(kind, undefined);
    }
  }
  if (process.env.LUML_BENCH_PROFILE) {
    // One more download under the CPU profiler (not timed): where its time goes, on
    // the main thread and on the hashing worker (one profile per thread).
    const directory = join(process.env.LUML_BENCH_PROFILE, `download-${kind}-${Date.now()}`);
    await downloadInChild(scope, kept.id, target, undefined, [
      "--cpu-prof",
      `--cpu-prof-dir=${directory}`,
    ]);
    await rm(target);
    // Node names them CPU.<date>.<time>.<pid>.<thread id>.<n>.cpuprofile; thread 0 is the main one.
    const threadId = (name) => Number(name.split(".")[4]);
    const threads = (await readdir(directory)).sort((a, b) => threadId(a) - threadId(b));
    for (const [index, name] of threads.entries()) {
      const thread = index === 0 ? "main thread" : `worker thread ${index}`;
      profiles.push(
        `\nCPU profile, one ${kind} download of ${file}, ${thread}, top self time:\n${summarizeProfile(join(directory, name), 10)}`,
      );
    }
  }
  await deleteArtifact(kind, kept.id);
  return { file, storage: kind, uploads, downloads };
}

/**
 * Sends every later `kind` download at `bytesPerSecond` (the dev server's fault of
 * that name), or, with `undefined`, at full speed again.
 */
async function setLinkRate(kind, bytesPerSecond) {
  const faults = `${server.baseUrl}/_dev/faults`;
  const response =
    bytesPerSecond === undefined
      ? await fetch(faults, { method: "DELETE" })
      : await fetch(faults, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            target: kind,
            method: "GET",
            path: ".",
            times: Number.MAX_SAFE_INTEGER,
            action: { bytesPerSecond },
          }),
        });
  if (!response.ok) throw new Error(`dev server faults: ${response.status}`);
}

/**
 * Runs one timed transfer (`run` returns its seconds) and records the CPU seconds
 * the client process and the dev server (emulators included) spent meanwhile.
 */
async function withCpu(run, into) {
  if (!cpuTime.available) return run();
  const client = cpuTime.finishedChildrenSeconds();
  const serverCpu = cpuTime.processTreeSeconds(server.pid);
  const seconds = await run();
  into.push({
    seconds,
    client: cpuTime.finishedChildrenSeconds() - client,
    server: cpuTime.processTreeSeconds(server.pid) - serverCpu,
  });
  return seconds;
}

/**
 * The same upload with the storage vendor's own SDK and with ours, at the same part
 * size and parts in flight: a warm-up of each, then `rounds` alternating pairs.
 */
async function measureVendor(kind, path, size, file) {
  const scope = scopeOf(kind);
  const partSize = size > multipartThreshold ? defaultPartSize(size) : 0;
  const result = { file, storage: kind, partSize, ours: [], vendor: [], ratios: [] };
  Object.assign(result, { oursRss: [], vendorRss: [] });
  const toMiBs = (seconds) => size / mebibyte / seconds;
  const ours = async () => {
    const upload = await uploadInChild(scope, path, uploadConcurrency);
    await deleteArtifact(kind, upload.id);
    return upload;
  };
  const vendor = () => vendorUploadInChild(kind, path, partSize, uploadConcurrency);
  await ours();
  await vendor();
  for (let round = 0; round < vendorRounds; round++) {
    const pair = round % 2 === 0 ? [ours, vendor] : [vendor, ours];
    const first = await pair[0]();
    const second = await pair[1]();
    const [mine, theirs] = round % 2 === 0 ? [first, second] : [second, first];
    result.ours.push(toMiBs(mine.seconds));
    result.vendor.push(toMiBs(theirs.seconds));
    result.ratios.push(theirs.seconds / mine.seconds);
    result.oursRss.push(mine.maxRssBytes / mebibyte);
    result.vendorRss.push(theirs.maxRssBytes / mebibyte);
  }
  return result;
}

async function vendorUploadInChild(kind, path, partSize, concurrency) {
  const args = [
    join(here, "vendor-upload-child.mjs"),
    kind,
    JSON.stringify(server.storage[kind]),
    path,
    String(partSize),
    String(concurrency),
  ];
  const { stdout } = await runClient("node", args, { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout.trim().split("\n").pop());
}

/** The runtimes to compare, each as a command prefix, its SDK module and working folder. */
function runtimes() {
  const nodeSdk = pathToFileURL(join(here, "../dist/index.js")).href;
  const endOfLife = Number(process.versions.node.split(".")[0]) < 22;
  const list = [
    { name: `Node ${process.versions.node}`, command: [process.execPath], sdk: nodeSdk, endOfLife },
  ];
  if (endOfLife && rssSizes.some((mib) => mib > endOfLifeLargestMiB))
    runtimeNotes.push(
      `Node ${process.versions.node} is past its end of life: measured at ${rssSizes.filter((mib) => mib <= endOfLifeLargestMiB).join(" and ")} MiB, not above 1 GiB.`,
    );
  for (const major of ["22", "24"]) {
    try {
      const binary = execFileSync(
        process.execPath,
        [join(repository, "tests/runtime/ensure-node.mjs"), major],
        { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
      ).trim();
      const version = execFileSync(binary, ["--version"], { encoding: "utf8" }).trim();
      list.push({ name: `Node ${version.slice(1)}`, command: [binary], sdk: nodeSdk });
    } catch (error) {
      runtimeNotes.push(`Node ${major} skipped: ${error.message.split("\n")[0]}`);
    }
  }
  const bin = join(repository, "node_modules/.bin");
  try {
    const version = execFileSync(join(bin, "bun"), ["--version"], { encoding: "utf8" }).trim();
    list.push({ name: `Bun ${version}`, command: [join(bin, "bun")], sdk: nodeSdk });
  } catch (error) {
    runtimeNotes.push(`Bun skipped: ${error.message.split("\n")[0]}`);
  }
  try {
    const version = /deno (\S+)/.exec(
      execFileSync(join(bin, "deno"), ["--version"], { encoding: "utf8" }),
    )?.[1];
    list.push({
      name: `Deno ${version}`,
      // @luml/deno's build, resolved offline from packages/deno's node_modules.
      command: [
        join(bin, "deno"),
        "run",
        "--cached-only",
        "--allow-read",
        "--allow-write",
        "--allow-net",
        "--allow-env",
      ],
      sdk: pathToFileURL(join(repository, "packages/deno/dist/index.js")).href,
      cwd: join(repository, "packages/deno"),
    });
  } catch (error) {
    runtimeNotes.push(`Deno skipped: ${error.message.split("\n")[0]}`);
  }
  const names = process.env.LUML_BENCH_RUNTIME_NAMES?.split(",");
  return names
    ? list.filter((runtime) => names.some((name) => runtime.name.startsWith(name)))
    : list;
}

/**
 * Peak RSS of an upload and a download of the same S3 file in every runtime, at each
 * size of LUML_BENCH_RSS_SIZES, and of the runtime with the SDK loaded and nothing
 * transferred: `rounds` rounds, the runtimes' order rotating every round.
 */
async function measureRuntimes() {
  const list = runtimes();
  const scope = scopeOf("s3");
  const idle = new Map(list.map((runtime) => [runtime.name, []]));
  for (const mib of rssSizes) {
    const path = join(folder, `runtime-${mib}m.fnnx`);
    await writeArchive(path, mib * mebibyte);
    const size = (await stat(path)).size;
    const byRuntime = new Map(
      list.map((runtime) => [runtime.name, { up: [], down: [], upMiBs: [], downMiBs: [] }]),
    );
    const target = join(folder, "runtime-download.fnnx");
    const measured =
      mib > endOfLifeLargestMiB ? list.filter((runtime) => !runtime.endOfLife) : list;
    for (let round = 0; round < runtimeRounds; round++) {
      const order = measured.map((_, index) => measured[(index + round) % measured.length]);
      for (const runtime of order) {
        const row = byRuntime.get(runtime.name);
        if (mib === rssSizes[0]) {
          idle.get(runtime.name).push((await runtimeChild(runtime, scope, ["idle"])).maxRssBytes);
        }
        const up = await runtimeChild(runtime, scope, ["up", path]);
        const down = await runtimeChild(runtime, scope, ["down", up.id, target]);
        await rm(target);
        await deleteArtifact("s3", up.id);
        row.up.push(up.maxRssBytes / mebibyte);
        row.down.push(down.maxRssBytes / mebibyte);
        row.upMiBs.push(size / mebibyte / up.seconds);
        row.downMiBs.push(size / mebibyte / down.seconds);
      }
    }
    await rm(path);
    for (const runtime of measured) {
      runtimeRows.push({
        runtime: runtime.name,
        file: `${mib} MiB`,
        multipart: size > multipartThreshold,
        idle: idle.get(runtime.name).map((bytes) => bytes / mebibyte),
        ...byRuntime.get(runtime.name),
      });
    }
    console.error(`done: runtimes at ${mib} MiB`);
  }
}

async function runtimeChild(runtime, scope, action) {
  const [command, ...prefix] = runtime.command;
  const args = [
    ...prefix,
    join(here, "runtime-child.mjs"),
    runtime.sdk,
    server.baseUrl,
    server.apiKey,
    scope.organization,
    scope.orbit,
    scope.collection,
    ...action,
  ];
  const { stdout } = await runClient(command, args, {
    maxBuffer: 1024 * 1024,
    ...(runtime.cwd ? { cwd: runtime.cwd } : {}),
  });
  return JSON.parse(stdout.trim().split("\n").pop());
}

function printVendors(results) {
  if (!results.length) return;
  console.log(
    "\nVendor SDKs, same file, same part size and parts in flight, alternating with ours (vendor SDKs straight to the emulator, ours through the presigning proxy):",
  );
  console.log(
    "\n| file | storage | vendor SDK call | parts | ours MiB/s | vendor MiB/s | speed ours/vendor | peak RSS MiB ours | vendor |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const row of results) {
    const call =
      row.storage === "s3"
        ? row.partSize
          ? "lib-storage Upload"
          : "client-s3 PutObject (stream)"
        : "BlockBlobClient.uploadFile";
    const parts = row.partSize
      ? `${row.partSize / mebibyte} MiB × ${uploadConcurrency} in flight`
      : "one request";
    console.log(
      `| ${row.file} | ${row.storage} | ${call} | ${parts} | ${spread(row.ours)} | ${spread(row.vendor)} | ${spread(row.ratios, 2)} | ${spread(row.oursRss)} | ${spread(row.vendorRss)} |`,
    );
  }
}

function printRuntimes(results) {
  if (!results.length && !runtimeNotes.length) return;
  console.log(
    "\nPeak RSS by runtime, S3, the same file up then down (MiB; idle: the SDK loaded, a client created, nothing transferred):",
  );
  console.log(
    "\n| runtime | file | protocol | idle | upload | download | upload MiB/s | download MiB/s |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const row of results) {
    console.log(
      `| ${row.runtime} | ${row.file} | ${row.multipart ? "multipart" : "single PUT"} | ${spread(row.idle)} | ${spread(row.up)} | ${spread(row.down)} | ${spread(row.upMiBs)} | ${spread(row.downMiBs)} |`,
    );
  }
  for (const note of runtimeNotes) console.log(note);
}

/**
 * Peak RSS ≤ 100 MiB at every size, and flat with the file's size (within 15 %), per
 * runtime and direction. "Flat" compares sizes sent the same way: an upload above
 * the multipart threshold sends its parts several at a time, a smaller one goes in
 * one PUT, so from 256 MiB to 600 MiB more than the size changes. With two
 * multipart sizes the upload's verdict compares those two, and the line shows the
 * step the protocol adds; a download is one stream at every size.
 */
function printRuntimeVerdicts(results) {
  const peakOf = (row, direction) => Math.max(...row[direction]);
  for (const runtime of [...new Set(results.map((row) => row.runtime))]) {
    const mine = results.filter((row) => row.runtime === runtime);
    for (const direction of ["up", "down"]) {
      const worst = Math.max(...mine.map((row) => peakOf(row, direction)));
      const multipart = mine.filter((row) => row.multipart);
      const single = mine.find((row) => !row.multipart);
      const sameWay =
        direction === "down"
          ? mine
          : multipart.length >= 2
            ? multipart
            : mine.filter((row) => !row.multipart);
      const [first, last] = [sameWay[0], sameWay[sameWay.length - 1]];
      // An upload measured at one size per protocol has no two sizes sent the same way.
      const growth = first ? peakOf(last, direction) / peakOf(first, direction) - 1 : 0;
      let compared =
        sameWay.length >= 2
          ? `${first.file} → ${last.file}${sameWay === multipart ? ", both multipart" : ""}, ${signedPercent(growth)}`
          : "not judged, one size sent each way";
      // The step the protocol adds: from one PUT to the first size sent in parts.
      const firstInParts = multipart[0];
      if (direction === "up" && single && firstInParts) {
        const step = peakOf(firstInParts, direction) - peakOf(single, direction);
        compared += `; one PUT at ${single.file} → ${uploadConcurrency} parts in flight at ${firstInParts.file}: ${step >= 0 ? "+" : "−"}${Math.abs(step).toFixed(0)} MiB`;
      }
      console.log(
        `${verdict(worst <= 100 && growth <= 0.15)} ${runtime} ${direction === "up" ? "upload" : "download"} peak RSS ${mine.map((row) => `${row.file} ${peakOf(row, direction).toFixed(0)}`).join(", ")} MiB (target <= 100 MiB, flat with size within 15 %: ${compared})`,
      );
    }
  }
}

/** `0.05` as `+5 %`, `-0.02` as `−2 %`. */
function signedPercent(fraction) {
  const rounded = Math.round(fraction * 100);
  return `${rounded < 0 ? "−" : "+"}${Math.abs(rounded)} %`;
}

/** S3 upload and download timings with more parts or ranges in flight (one run each). */
async function runSweep(path, size) {
  const scope = scopeOf("s3");
  for (const concurrency of [1, 2, 4, 8]) {
    const result = await uploadInChild(scope, path, concurrency);
    sweep.push(
      `sweep: S3 upload, ${concurrency} parts in flight: ${(size / mebibyte / result.seconds).toFixed(0)} MiB/s, peak RSS ${(result.maxRssBytes / mebibyte).toFixed(1)} MiB`,
    );
    if (concurrency !== 8) await deleteArtifact("s3", result.id);
    else {
      const target = join(folder, "sweep.fnnx");
      for (const ranges of [1, 2, 4]) {
        const download = await downloadInChild(scope, result.id, target, ranges);
        await rm(target);
        sweep.push(
          `sweep: S3 download, ${ranges} ranges in flight: ${(size / mebibyte / download.seconds).toFixed(0)} MiB/s, peak RSS ${(download.maxRssBytes / mebibyte).toFixed(1)} MiB`,
        );
      }
      await deleteArtifact("s3", result.id);
    }
  }
}

function printMachine() {
  const cores = cpus();
  console.log(
    `\nMachine: ${cores.length} cores (${cores[0]?.model.trim() ?? "unknown"}), ${(totalmem() / gibibyte).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`,
  );
  console.log(
    `Load average at start ${loadAtStart.map((value) => value.toFixed(2)).join(" ")}, at end ${loadAtEnd.map((value) => value.toFixed(2)).join(" ")}`,
  );
  console.log(
    `Dev server: separate child process (pid ${server.pid}), S3 objects stored in ${storageFolder}${storageFolder === "/dev/shm" ? " (RAM)" : ""}, azurite in its own process (blobs in memory); every transfer in a fresh child process. ${rounds} alternating rounds after one warm-up of each; median (min–max).`,
  );
  console.log(
    pinning
      ? `CPU pinning: server on CPU ${pinning.server}, every client (SDK, curl, the hash tool) on CPU ${pinning.client} (LUML_BENCH_PIN=1 turned it on).`
      : "CPU pinning: off (server and clients share all cores, as where users run it; LUML_BENCH_PIN=1 pins).",
  );
}

/**
 * Ours against the verified baseline: curl piped through tee into the fastest hash
 * tool, which is what a script that checks its downloads does. Like ours it hashes
 * every byte on the way in; unlike ours it does not fsync (the tee's pipe is one more
 * copy, which ours does not make).
 */
function printVerifiedDownloads(results) {
  console.log(
    `\nVerified downloads: ours against the pipeline \`curl -sS <url> | tee <file> | ${hasher.stdinCommand.join(" ")}\` (median (min–max); client CPU: the downloading process, or curl, tee and the hash tool together):`,
  );
  console.log(
    "\n| file | storage | download MiB/s | pipeline MiB/s | ratio | client CPU s, ours / pipeline |",
  );
  console.log("|---|---|---|---|---|---|");
  for (const { file, storage, downloads } of results) {
    const client = (samples) => median(samples.map((sample) => sample.client)).toFixed(2);
    const cpu = cpuTime.available
      ? `${client(downloads.cpu.ours)} / ${client(downloads.cpu.pipeline)}`
      : "n/a";
    console.log(
      `| ${file} | ${storage} | ${spread(downloads.ours)} | ${spread(downloads.pipeline)} | ${spread(downloads.pipelineRatios, 2)} | ${cpu} |`,
    );
  }
}

/**
 * Where a download's CPU goes, ours against curl's, and what that allows: a verified
 * download does all curl does plus the sha256 and the fsync, on the same cores as
 * the emulators. With every core busy it could take no less than its CPU seconds
 * (client and server) over the cores, so that is the best ratio to curl this
 * machine allows.
 */
function printDownloadCpu(results) {
  if (!cpuTime.available) return;
  const cores = cpus().length;
  console.log(
    `\nWhere a download's CPU goes (medians; client = the downloading process, server = the dev server and its emulators; ${cores} cores):`,
  );
  console.log(
    "\n| file | storage | curl -o: client + server CPU s in wall s | ours: client + server CPU s in wall s | cores busy, curl / ours | ours at best (all cores busy), x of curl |",
  );
  console.log("|---|---|---|---|---|---|");
  for (const { file, storage, downloads } of results) {
    const of = (samples) => ({
      client: median(samples.map((sample) => sample.client)),
      server: median(samples.map((sample) => sample.server)),
      seconds: median(samples.map((sample) => sample.seconds)),
    });
    const curl = of(downloads.cpu.curl);
    const ours = of(downloads.cpu.ours);
    const busy = (run) => ((run.client + run.server) / run.seconds).toFixed(2);
    const fastest = (ours.client + ours.server) / cores;
    const figures = (run) =>
      `${run.client.toFixed(2)} + ${run.server.toFixed(2)} in ${run.seconds.toFixed(2)}`;
    console.log(
      `| ${file} | ${storage} | ${figures(curl)} | ${figures(ours)} | ${busy(curl)} / ${busy(ours)} | ${(curl.seconds / fastest).toFixed(2)} |`,
    );
  }
}

/** Downloads with the dev server sending at `linkRate`: ours against `curl -o` when the link is the limit. */
function printLinkBound(results) {
  const linked = results.filter((row) => row.downloads.linked.ratios.length > 0);
  if (linked.length === 0) return;
  console.log(
    `\nLink-bound downloads: the dev server sends the object at ${linkRate / mebibyte} MiB/s (a \`bytesPerSecond\` fault); ${rounds} alternating rounds, median (min–max):`,
  );
  console.log("\n| file | storage | download MiB/s | curl -o MiB/s | ratio |");
  console.log("|---|---|---|---|---|");
  for (const { file, storage, downloads } of linked) {
    const { ours, curl, ratios } = downloads.linked;
    console.log(
      `| ${file} | ${storage} | ${spread(ours)} | ${spread(curl)} | ${spread(ratios, 2)} |`,
    );
  }
}

function printTable(results) {
  console.log(
    "\n| file | storage | upload MiB/s | hash+curl MiB/s (same protocol) | ratio | download MiB/s | curl MiB/s | ratio | peak RSS MiB (up / down) |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const { file, storage, uploads, downloads } of results) {
    console.log(
      `| ${file} | ${storage} | ${spread(uploads.ours)} | ${spread(uploads.baseline)} | ${spread(uploads.ratios, 2)} | ${spread(downloads.ours)} | ${spread(downloads.baseline)} | ${spread(downloads.ratios, 2)} | ${Math.max(...uploads.rss).toFixed(0)} / ${Math.max(...downloads.rss).toFixed(0)} |`,
    );
  }
  console.log(
    "\nTargets: upload >= 0.90x of hash+curl, download >= 0.95x of curl -o (median of the per-round ratios); peak RSS: see the runtime table.",
  );
  if (!measureDetection) return;
  console.log(
    "\n| file | storage | upload MiB/s, change detection on | off | speed on/off | CPU time off/on |",
  );
  console.log("|---|---|---|---|---|---|");
  for (const { file, storage, uploads } of results) {
    console.log(
      `| ${file} | ${storage} | ${spread(uploads.checked)} | ${spread(uploads.unchecked)} | ${spread(uploads.detection, 3)} | ${spread(uploads.detectionCpu, 3)} |`,
    );
  }
}

/** One PASS/FAIL line per target. */
function printVerdicts(results, memoryRows) {
  for (const { file, storage, uploads, downloads } of results) {
    const up = median(uploads.ratios);
    console.log(
      `${verdict(up >= 0.9)} upload ${storage} ${file}: ${up.toFixed(2)}x of ${hasher.name}+curl (target >= 0.90x)`,
    );
    if (measureDetection) {
      const detection = median(uploads.detection);
      const detectionCpu = median(uploads.detectionCpu);
      console.log(
        `${verdict(detection >= 0.95)} change detection ${storage} ${file}: uploads at ${detection.toFixed(3)}x of the speed without it, ${detectionCpu.toFixed(3)}x of its CPU time (target >= 0.95x: costs < 5 %)`,
      );
    }
    const down = median(downloads.ratios);
    console.log(
      `${verdict(down >= 0.95)} download ${storage} ${file}: ${down.toFixed(2)}x of curl -o, verified (target >= 0.95x); ${median(downloads.pipelineRatios).toFixed(2)}x of the curl | tee | ${hasher.name} pipeline, which verifies too (no target)`,
    );
    if (downloads.linked.ratios.length > 0) {
      console.log(
        `INFO download ${storage} ${file} over a ${linkRate / mebibyte} MiB/s link: ${median(downloads.linked.ratios).toFixed(2)}x of curl -o, verified (no target: the link, not the cores, is the limit there)`,
      );
    }
  }
  const s3 = results.find((row) => row.storage === "s3");
  const peaks = [
    ...(s3 ? [{ file: s3.file, rssMiB: Math.max(...s3.uploads.rss) }] : []),
    ...memoryRows,
  ];
  for (const { file, rssMiB } of peaks) {
    console.log(
      `${verdict(rssMiB < 150)} upload peak RSS ${file}: ${rssMiB.toFixed(1)} MiB (target < 150 MiB)`,
    );
  }
  if (peaks.length > 1) {
    const first = peaks[0].rssMiB;
    const last = peaks[peaks.length - 1].rssMiB;
    console.log(
      `${verdict(last <= first * 1.15)} upload peak RSS flat with file size: ${first.toFixed(1)} -> ${last.toFixed(1)} MiB (target: within 15 %)`,
    );
  }
}

/**
 * The upload baseline's hasher: `openssl dgst -sha256` and `sha256sum` each hash the
 * file three times (after a warm read), and the one with the lower median is kept.
 */
async function fastestHasher(path, size) {
  // Each reads the file named last, or stdin without one; prints "<hex> <name>".
  const commands = {
    "openssl dgst -sha256": ["openssl", "dgst", "-sha256", "-r"],
    sha256sum: ["sha256sum"],
  };
  const hashWith = (name) => async (file) => {
    const [command, ...args] = commands[name];
    const { stdout } = await runClient(command, [...args, file]);
    return stdout.split(" ")[0];
  };
  const tools = Object.fromEntries(Object.keys(commands).map((name) => [name, hashWith(name)]));
  const timings = {};
  for (const [name, hash] of Object.entries(tools)) {
    try {
      await hash(path);
      timings[name] = [];
      for (let round = 0; round < 3; round++) {
        const started = performance.now();
        await hash(path);
        timings[name].push((performance.now() - started) / 1000);
      }
    } catch {
      // Not installed here.
    }
  }
  const [best] = Object.keys(timings).sort((a, b) => median(timings[a]) - median(timings[b]));
  return {
    hash: tools[best],
    name: best,
    stdinCommand: commands[best],
    report: `\nThe baselines' sha256 (upload: before curl; download: curl piped into it): ${best} (${Object.keys(
      timings,
    )
      .map((name) => `${name} ${spread(timings[name].map((s) => size / mebibyte / s))} MiB/s`)
      .join("; ")}; medians of 3 on the first file, page cache warm).`,
  };
}

function scopeOf(kind) {
  return {
    organization: server.seeded.organization.name,
    orbit: server.seeded.orbits[kind].name,
    collection: server.seeded.collections[kind].name,
  };
}

async function uploadInChild(scope, path, concurrency, mode) {
  const args = [
    join(here, "upload-child.mjs"),
    server.baseUrl,
    server.apiKey,
    scope.organization,
    scope.orbit,
    scope.collection,
    path,
    String(concurrency ?? 0),
    ...(mode ? [mode] : []),
  ];
  const { stdout } = await runClient("node", args, { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout.trim().split("\n").pop());
}

async function downloadInChild(scope, id, target, concurrency, nodeOptions = []) {
  const args = [
    ...nodeOptions,
    join(here, "download-child.mjs"),
    server.baseUrl,
    server.apiKey,
    scope.organization,
    scope.orbit,
    scope.collection,
    id,
    target,
    ...(concurrency ? [String(concurrency)] : []),
  ];
  const { stdout } = await runClient("node", args, { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout.trim().split("\n").pop());
}

/** Deletes an artifact and its stored object, so the emulators do not fill up. */
async function deleteArtifact(kind, id) {
  const luml = new LumlClient({
    baseUrl: server.baseUrl,
    apiKey: server.apiKey,
    ...scopeOf(kind),
  });
  await luml.artifacts.delete(id).catch(() => luml.artifacts.forceDelete(id).catch(() => {}));
}

/**
 * The baseline: hash with the fastest sha256 tool here, then send the file with curl over the same
 * protocol the SDK is given — a single PUT below the multipart threshold, and above
 * it the same presigned part URLs (four curl processes at a time, like the SDK's
 * default) and the same completion request — so the storage does the same work for
 * both. The parts are cut into files beforehand, untimed (an advantage to curl).
 * Returns the timed seconds; the record and its object are deleted after.
 */
async function curlUpload(kind, path, size) {
  let started = performance.now();
  const hash = await hasher.hash(path);
  let seconds = (performance.now() - started) / 1000;
  const { artifact, upload_details: details } = await createBaselineRecord(kind, hash, size);
  const azureBlob = kind === "azure" ? ["-H", "x-ms-blob-type: BlockBlob"] : [];
  if (!details.multipart) {
    started = performance.now();
    await runClient("curl", [
      "-sS",
      "-f",
      "-o",
      "/dev/null",
      "-T",
      path,
      ...azureBlob,
      details.url,
    ]);
    seconds += (performance.now() - started) / 1000;
  } else {
    seconds += await curlMultipart(kind, path, size, details);
  }
  await deleteArtifact(kind, artifact.id);
  return seconds;
}

/** A record for the baseline's bytes, with the real size so the storage protocol matches. */
async function createBaselineRecord(kind, hash, size) {
  const response = await fetch(`${collectionPath(kind)}/artifacts`, {
    method: "POST",
    headers: { Authorization: `Bearer ${server.apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      file_name: "curl-baseline.fnnx",
      name: "curl baseline",
      description: null,
      extra_values: {},
      manifest: benchManifest,
      file_hash: hash,
      file_index: { "manifest.json": [512, 2] },
      size,
      tags: null,
      type: null,
    }),
  });
  if (!response.ok)
    throw new Error(`create baseline record: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The multipart protocol with curl: start (S3), part URLs, parts 4 at a time, completion. */
async function curlMultipart(kind, path, size, details) {
  let seconds = 0;
  const timed = async (action) => {
    const started = performance.now();
    const result = await action();
    seconds += (performance.now() - started) / 1000;
    return result;
  };
  let uploadId = null;
  if (kind === "s3") {
    const { stdout } = await timed(() =>
      runClient("curl", ["-sS", "-f", "-X", "POST", details.url]),
    );
    uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(stdout)?.[1];
  }
  const info = await timed(async () => {
    const response = await fetch(`${server.baseUrl}/v1/bucket-secrets/upload/multipart`, {
      method: "POST",
      headers: { Authorization: `Bearer ${server.apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        bucket_id: details.bucket_secret_id,
        bucket_location: details.bucket_location,
        size,
        upload_id: uploadId,
      }),
    });
    return response.json();
  });
  const partFolder = await mkdtemp(join(folder, "parts-"));
  const partFiles = [];
  for (const part of info.parts) {
    const partPath = join(partFolder, `part-${part.part_number}`);
    await run("sh", [
      "-c",
      `tail -c +${part.start_byte + 1} "$1" | head -c ${part.part_size} > "$2"`,
      "sh",
      path,
      partPath,
    ]);
    partFiles.push(partPath);
  }
  const etags = new Array(info.parts.length);
  await timed(async () => {
    let next = 0;
    const worker = async () => {
      while (next < info.parts.length) {
        const index = next++;
        const { stdout } = await runClient("curl", [
          "-sS",
          "-f",
          "-o",
          "/dev/null",
          "-D",
          "-",
          "-T",
          partFiles[index],
          info.parts[index].url,
        ]);
        etags[index] = /^etag:\s*(.+?)\s*$/im.exec(stdout)?.[1];
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  });
  const [method, body, contentType] =
    kind === "s3"
      ? [
          "POST",
          `<CompleteMultipartUpload>${info.parts.map((part, index) => `<Part><PartNumber>${part.part_number}</PartNumber><ETag>${etags[index]}</ETag></Part>`).join("")}</CompleteMultipartUpload>`,
          "application/xml",
        ]
      : [
          "PUT",
          `<?xml version="1.0" encoding="utf-8"?><BlockList>${info.parts.map((part) => `<Latest>${Buffer.from(`block-${String(part.part_number).padStart(8, "0")}`).toString("base64")}</Latest>`).join("")}</BlockList>`,
          "application/xml",
        ];
  const { stdout } = await timed(() =>
    runClient("curl", [
      "-sS",
      "-f",
      "-X",
      method,
      "-H",
      `Content-Type: ${contentType}`,
      "--data-binary",
      body,
      info.complete_url,
    ]),
  );
  if (stdout.includes("<Error>")) throw new Error(`baseline completion failed: ${stdout}`);
  await rm(partFolder, { recursive: true, force: true });
  return seconds;
}

/** `/v1/organizations/…/collections/…` of a seeded collection. */
function collectionPath(kind) {
  const { organization, orbits, collections } = server.seeded;
  return `${server.baseUrl}/v1/organizations/${organization.id}/orbits/${orbits[kind].id}/collections/${collections[kind].id}`;
}

/** Writes a model archive whose ops member fills it to about `size` bytes, without holding it in memory. */
async function writeArchive(path, size) {
  const manifest = Buffer.from(JSON.stringify({ ...benchManifest, name: "bench" }));
  const meta = Buffer.from(
    JSON.stringify([
      {
        producer_tags: ["dataforce.studio::registry_metrics:v1"],
        payload: { metrics: { F1: 0.5 } },
      },
    ]),
  );
  const opsSize = size - 4 * 512 - 1024 - 2048;
  const out = createWriteStream(path);
  const write = async (chunk) => {
    if (!out.write(chunk)) await once(out, "drain");
  };
  for (const [name, data] of [
    ["manifest.json", manifest],
    ["meta.json", meta],
  ]) {
    await write(tarHeader(name, data.length));
    await write(data);
    await write(Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  await write(tarHeader("ops.bin", opsSize));
  const block = randomBytes(16 * mebibyte);
  for (let left = opsSize; left > 0; left -= block.length)
    await write(left >= block.length ? block : block.subarray(0, left));
  await write(Buffer.alloc(((512 - (opsSize % 512)) % 512) + 1024));
  out.end();
  await once(out, "finish");
}

/**
 * Where the dev server keeps the stored objects: a RAM-backed folder (/dev/shm) when
 * it holds the largest file twice over (its parts, then the object joined from them),
 * since a real object store does not write to the client's disk; the system's
 * temporary folder otherwise. Azurite keeps its blobs in memory either way.
 */
async function chooseStorageFolder() {
  const largest = Math.max(
    ...sizes.map((gib) => gib * gibibyte),
    ...rssSizes.map((mib) => mib * mebibyte),
  );
  const needed = 2 * largest + gibibyte;
  try {
    const shm = await statfs("/dev/shm");
    if (shm.bavail * shm.bsize >= needed && totalmem() >= 2 * needed) return "/dev/shm";
  } catch {
    // Not Linux, or no /dev/shm.
  }
  return tmpdir();
}

/** The dev server in its own Node process, so it does not share any SDK process's CPU time. */
async function startServer() {
  const child = spawn(
    // `luml-dev-server --json` prints its details as one JSON line; closing stdin stops it.
    ...pinned("server", "node", [
      join(here, "../../dev-server/dist/cli.js"),
      "--json",
      // For the link-bound downloads (`setLinkRate`); no rule is set otherwise.
      "--faults",
      "--multipart-threshold",
      String(multipartThreshold),
    ]),
    {
      stdio: ["pipe", "pipe", "inherit"],
      // The dev server makes its S3 store's folder in the temporary folder.
      env: { ...process.env, TMPDIR: storageFolder },
    },
  );
  const lines = createInterface({ input: child.stdout });
  const [line] = await once(lines, "line");
  const details = JSON.parse(line);
  return {
    ...details,
    pid: child.pid,
    async stop() {
      lines.close();
      child.stdin.end();
      await once(child, "exit");
    },
  };
}
