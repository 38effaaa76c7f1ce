/**
 * How fast core's plain TypeScript SHA-256 is, beside the runtime's native ones:
 * - JsSha256: `update` with each 1 MiB chunk, then `digest`;
 * - crypto.subtle.digest: the whole buffer in one call (Web Crypto cannot stream);
 * - node:crypto createHash: `update` with each 1 MiB chunk.
 * Each is timed 5 times, the three taking turns, and the median reported.
 *
 * Run: npm run bench:sha256 [-- MiB] (in packages/core; default 256 MiB).
 * The source is transpiled on the fly with TypeScript, so no build is needed.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { median } from "../../../scripts/bench-stats.mjs";

const mebibyte = 1024 * 1024;
const totalMebibytes = Number(process.argv[2] ?? 256);
const chunkLength = mebibyte;
const runs = 5;

async function loadJsSha256() {
  const sourceUrl = new URL("../src/hashing/sha256-js.ts", import.meta.url);
  const { outputText } = ts.transpileModule(await readFile(sourceUrl, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const directory = await mkdtemp(join(tmpdir(), "luml-sha256-bench-"));
  try {
    const modulePath = join(directory, "sha256-js.mjs");
    await writeFile(modulePath, outputText);
    return await import(pathToFileURL(modulePath).href);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function makeData(length) {
  const data = new Uint8Array(length);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let offset = 0; offset < length; offset += 65_536) {
    crypto.getRandomValues(data.subarray(offset, offset + 65_536));
  }
  return data;
}

function toHex(buffer) {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

const { createJsSha256 } = await loadJsSha256();
const data = makeData(totalMebibytes * mebibyte);

const contenders = {
  JsSha256: async () => {
    const sha256 = createJsSha256();
    for (let offset = 0; offset < data.length; offset += chunkLength) {
      sha256.update(data.subarray(offset, offset + chunkLength));
    }
    return sha256.digest();
  },
  "crypto.subtle.digest": async () => toHex(await crypto.subtle.digest("SHA-256", data)),
  "node:crypto createHash": async () => {
    const hash = createHash("sha256");
    for (let offset = 0; offset < data.length; offset += chunkLength) {
      hash.update(data.subarray(offset, offset + chunkLength));
    }
    return hash.digest("hex");
  },
};

// Let the optimising compiler see the hot loop before anything is timed.
const warmUp = createJsSha256();
for (let round = 0; round < 64; round++) warmUp.update(data.subarray(0, mebibyte));
await warmUp.digest();

const speeds = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
const digests = new Set();
for (let run = 0; run < runs; run++) {
  for (const [name, hashData] of Object.entries(contenders)) {
    const start = performance.now();
    digests.add(await hashData());
    const seconds = (performance.now() - start) / 1000;
    speeds[name].push(totalMebibytes / seconds);
  }
}
if (digests.size !== 1) throw new Error(`The digests differ: ${[...digests].join(", ")}`);

const runtime = typeof Bun === "undefined" ? `Node ${process.versions.node}` : `Bun ${Bun.version}`;
console.log(`SHA-256 of ${totalMebibytes} MiB, ${runtime}, median of ${runs} runs:`);
const jsSpeed = median(speeds.JsSha256);
for (const [name, values] of Object.entries(speeds)) {
  const speed = median(values);
  const range = `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
  const ratio = name === "JsSha256" ? "" : `  (JsSha256 ÷ this: ${(jsSpeed / speed).toFixed(2)})`;
  console.log(`  ${name.padEnd(24)} ${speed.toFixed(0).padStart(6)} MiB/s  [${range}]${ratio}`);
}
