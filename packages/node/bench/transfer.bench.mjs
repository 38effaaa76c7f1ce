// Transfer benchmark: @luml/node against `sha256sum` + `curl` on the dev server's S3
// and Azure emulators, in the same run. Upload MiB/s includes hashing and indexing;
// download MiB/s includes verifying the sha256. Peak RSS of an upload is read in a
// child process for 1 GiB and 2 GiB files. Run `pnpm bench` at the repository root
// (builds first) or `node bench/transfer.bench.mjs [sizeGiB...]` in packages/node.
// Also times indexing a 10,000-member archive. LUML_BENCH_SWEEP=1 adds the peak RSS
// of the first file's S3 upload with 1, 2, 4 and 8 parts in flight.
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { indexArchive, LumlClient, openSource } from "../dist/index.js";

const run = promisify(execFile);
const mebibyte = 1024 * 1024;
const gibibyte = 1024 * mebibyte;
const sizes = (process.argv.slice(2).length ? process.argv.slice(2) : ["1", "2"]).map(Number);
const here = new URL(".", import.meta.url).pathname;

const folder = await mkdtemp(join(tmpdir(), "luml-bench-"));
const server = await startServer();
const rows = [];
const sweep = [];
let indexSeconds;
try {
  indexSeconds = await timeIndexArchive(join(folder, "many.fnnx"), 10_000);
  for (const gib of sizes) {
    const path = join(folder, `bench-${gib}g.fnnx`);
    await writeArchive(path, gib * gibibyte);
    const size = (await stat(path)).size;
    // Speeds on the 1 GiB file; larger files only measure memory.
    const kinds = gib === sizes[0] ? ["s3", "azure"] : ["s3"];
    for (const kind of kinds) {
      const scope = scopeOf(kind);
      const upload = await uploadInChild(scope, path);
      const row = { file: `${gib} GiB`, storage: kind, rssMiB: upload.maxRssBytes / mebibyte };
      if (gib === sizes[0]) {
        row.uploadMiBs = size / mebibyte / upload.seconds;
        row.curlUploadMiBs = size / mebibyte / (await curlUpload(kind, path, size));
        const luml = new LumlClient({ baseUrl: server.baseUrl, apiKey: server.apiKey, ...scope });
        const target = join(folder, `download-${kind}.fnnx`);
        let started = performance.now();
        await luml.artifacts.download(upload.id, { to: target });
        row.downloadMiBs = size / mebibyte / ((performance.now() - started) / 1000);
        await rm(target);
        const { url } = await luml.artifacts.downloadUrl(upload.id);
        started = performance.now();
        await run("curl", ["-sS", "-f", "-o", target, url]);
        row.curlDownloadMiBs = size / mebibyte / ((performance.now() - started) / 1000);
        await rm(target);
      }
      if (gib === sizes[0] && kind === "s3" && process.env.LUML_BENCH_SWEEP) {
        for (const concurrency of [1, 2, 4, 8]) {
          const result = await uploadInChild(scope, path, concurrency);
          sweep.push({
            concurrency,
            rssMiB: result.maxRssBytes / mebibyte,
            seconds: result.seconds,
          });
        }
      }
      rows.push(row);
      console.error(`done: ${row.file} ${kind}`);
    }
    await rm(path);
  }
} finally {
  await server.stop();
  await rm(folder, { recursive: true, force: true });
}
printTable(rows);
for (const { concurrency, rssMiB, seconds } of sweep) {
  console.log(
    `sweep: ${sizes[0]} GiB S3 upload, ${concurrency} parts in flight: peak RSS ${rssMiB.toFixed(1)} MiB, ${seconds.toFixed(1)} s`,
  );
}
console.log(`\nindexArchive, 10,000 members: ${(indexSeconds * 1000).toFixed(0)} ms`);
printVerdicts(rows);

/** One PASS/FAIL line per target. */
function printVerdicts(results) {
  const verdict = (ok) => (ok ? "PASS" : "FAIL");
  for (const row of results) {
    if (row.uploadMiBs !== undefined) {
      const ratio = row.uploadMiBs / row.curlUploadMiBs;
      console.log(
        `${verdict(ratio >= 0.8)} upload ${row.storage} ${row.file}: ${ratio.toFixed(2)}x of sha256sum+curl (target >= 0.80x)`,
      );
    }
    if (row.downloadMiBs !== undefined) {
      const ratio = row.downloadMiBs / row.curlDownloadMiBs;
      console.log(
        `${verdict(ratio >= 0.8)} download ${row.storage} ${row.file}: ${ratio.toFixed(2)}x of curl (target >= 0.80x)`,
      );
    }
  }
  const s3 = results.filter((row) => row.storage === "s3");
  for (const row of s3) {
    console.log(
      `${verdict(row.rssMiB < 150)} upload peak RSS ${row.file}: ${row.rssMiB.toFixed(1)} MiB (target < 150 MiB)`,
    );
  }
  if (s3.length > 1) {
    const first = s3[0].rssMiB;
    const last = s3[s3.length - 1].rssMiB;
    console.log(
      `${verdict(last <= first * 1.15)} upload peak RSS flat with file size: ${first.toFixed(1)} -> ${last.toFixed(1)} MiB (target: within 15 %)`,
    );
  }
}

/** Writes a model archive of `count` small members and times indexing it from disk. */
async function timeIndexArchive(path, count) {
  const out = createWriteStream(path);
  const write = async (chunk) => {
    if (!out.write(chunk)) await once(out, "drain");
  };
  const manifest = Buffer.from(
    JSON.stringify({ artifact_type: "model", name: "many", payload: {} }),
  );
  const members = [["manifest.json", manifest]];
  for (let index = 1; index < count; index++) {
    members.push([`files/member-${index}.txt`, Buffer.from(`member ${index}\n`)]);
  }
  for (const [name, data] of members) {
    await write(tarHeader(name, data.length));
    await write(data);
    await write(Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  await write(Buffer.alloc(1024));
  out.end();
  await once(out, "finish");
  const source = await openSource(path);
  await indexArchive(source.blob);
  const started = performance.now();
  const index = await indexArchive(source.blob);
  const seconds = (performance.now() - started) / 1000;
  if (Object.keys(index.file_index).length !== count)
    throw new Error("indexArchive missed members");
  await rm(path);
  return seconds;
}

function printTable(results) {
  const fixed = (value) => (value === undefined ? "" : value.toFixed(1));
  const ratio = (ours, theirs) => (ours && theirs ? `${(ours / theirs).toFixed(2)}x` : "");
  console.log(
    "\n| file | storage | upload MiB/s | sha256sum+curl MiB/s | ratio | download MiB/s | curl MiB/s | ratio | upload peak RSS MiB |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const row of results) {
    console.log(
      `| ${row.file} | ${row.storage} | ${fixed(row.uploadMiBs)} | ${fixed(row.curlUploadMiBs)} | ${ratio(row.uploadMiBs, row.curlUploadMiBs)} | ${fixed(row.downloadMiBs)} | ${fixed(row.curlDownloadMiBs)} | ${ratio(row.downloadMiBs, row.curlDownloadMiBs)} | ${fixed(row.rssMiB)} |`,
    );
  }
  console.log(
    "\nTargets: upload and download >= 0.80x of the curl baselines; peak RSS < 150 MiB, flat with file size.",
  );
}

function scopeOf(kind) {
  return {
    organization: server.seeded.organization.name,
    orbit: server.seeded.orbits[kind].name,
    collection: server.seeded.collections[kind].name,
  };
}

async function uploadInChild(scope, path, concurrency) {
  const args = [
    join(here, "upload-child.mjs"),
    server.baseUrl,
    server.apiKey,
    scope.organization,
    scope.orbit,
    scope.collection,
    path,
    ...(concurrency ? [String(concurrency)] : []),
  ];
  const { stdout } = await run("node", args, { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout.trim().split("\n").pop());
}

/**
 * The baseline: hash with sha256sum, then PUT the whole file with curl to a
 * presigned single-request URL of the same storage (from a record created for it).
 */
async function curlUpload(kind, path, size) {
  const { organization, orbits, collections } = server.seeded;
  const started = performance.now();
  const { stdout } = await run("sha256sum", [path]);
  const hash = stdout.split(" ")[0];
  const response = await fetch(
    `${server.baseUrl}/v1/organizations/${organization.id}/orbits/${orbits[kind].id}/collections/${collections[kind].id}/artifacts`,
    {
      method: "POST",
      headers: { Authorization: `Bearer ${server.apiKey}`, "Content-Type": "application/json" },
      // A small declared size gets a single-request URL, as curl can only send one.
      body: JSON.stringify({
        file_name: "curl-baseline.fnnx",
        name: "curl baseline",
        description: null,
        extra_values: {},
        manifest: { artifact_type: "model", payload: {} },
        file_hash: hash,
        file_index: { "manifest.json": [512, 2] },
        size: Math.min(size, mebibyte),
        tags: null,
        type: null,
      }),
    },
  );
  if (!response.ok)
    throw new Error(`create baseline record: ${response.status} ${await response.text()}`);
  const { upload_details: details } = await response.json();
  const headers = kind === "azure" ? ["-H", "x-ms-blob-type: BlockBlob"] : [];
  await run("curl", ["-sS", "-f", "-o", "/dev/null", "-T", path, ...headers, details.url]);
  return (performance.now() - started) / 1000;
}

/** Writes a model archive whose ops member fills it to about `size` bytes, without holding it in memory. */
async function writeArchive(path, size) {
  const manifest = Buffer.from(
    JSON.stringify({ artifact_type: "model", name: "bench", payload: {} }),
  );
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

function tarHeader(name, size) {
  const header = Buffer.alloc(512);
  header.write(name, 0, "utf8");
  header.write("0000644\0", 100);
  header.write("0000000\0", 108);
  header.write("0000000\0", 116);
  header.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  header.write(
    `${Math.floor(Date.now() / 1000)
      .toString(8)
      .padStart(11, "0")}\0`,
    136,
  );
  header.write("        ", 148);
  header.write("0", 156);
  header.write("ustar\0", 257);
  header.write("00", 263);
  let checksum = 0;
  for (const byte of header) checksum += byte;
  header.write(`${checksum.toString(8).padStart(6, "0")}\0 `, 148);
  return header;
}

/** The dev server in its own Node process, so it does not share this process's CPU time. */
async function startServer() {
  const child = spawn("node", [join(here, "../test/serve-dev-server.mjs"), "{}"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = await once(lines, "line");
  const details = JSON.parse(line);
  return {
    ...details,
    async stop() {
      lines.close();
      child.stdin.end();
      await once(child, "exit");
    },
  };
}
