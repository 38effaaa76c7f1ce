#!/usr/bin/env node
// Runs a command (the Deno upload benchmark) against a dev server with its default
// thresholds (multipart from 500 MiB), storage on disk, and the archives to upload
// written here, in Node, so that building them costs Deno no memory.
//
//   node bench/with-dev-server.mjs deno run --allow-read --allow-write --allow-net \
//     --allow-env bench/upload-memory.bench.ts
//
// The child gets LUML_TEST_BASE_URL, LUML_TEST_API_KEY, LUML_TEST_SEEDED (JSON) and
// LUML_BENCH_FILES (JSON: [{ path, size }]). Everything is removed afterwards.
import { spawn } from "node:child_process";
import { randomFillSync } from "node:crypto";
import { mkdtemp, open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDevServer } from "@luml/dev-server";
import { tarHeader } from "../../../scripts/bench-archive.mjs";

const mebibyte = 1024 * 1024;
const sizes = (process.env.LUML_BENCH_SIZES ?? "256,1024").split(",").map(Number);
const [command, ...commandArguments] = process.argv.slice(2);
if (!command) {
  console.error("usage: node bench/with-dev-server.mjs <command> [arguments…]");
  process.exit(2);
}

/** A model archive of about `mebibytes` MiB: a manifest and random weights. */
async function writeArchive(path, mebibytes) {
  const manifest = Buffer.from(
    JSON.stringify({
      artifact_type: "model",
      variant: "pipeline",
      name: "upload-memory-bench",
      version: "1.0.0",
      producer_name: "luml-bench",
      producer_version: "0.0.0",
      producer_tags: [],
      payload: {},
    }),
  );
  const opsSize = mebibytes * mebibyte - 4 * 512;
  const file = await open(path, "w");
  try {
    await file.write(tarHeader("manifest.json", manifest.length));
    await file.write(Buffer.concat([manifest, Buffer.alloc(512 - manifest.length)]));
    await file.write(tarHeader("ops.bin", opsSize));
    const block = Buffer.alloc(8 * mebibyte);
    for (let written = 0; written < opsSize; written += block.length) {
      randomFillSync(block);
      await file.write(block, 0, Math.min(block.length, opsSize - written));
    }
    await file.write(Buffer.alloc(1024));
  } finally {
    await file.close();
  }
  return { path, size: (await stat(path)).size };
}

const folder = await mkdtemp(join(tmpdir(), "luml-deno-bench-"));
let server;
let exitCode = 1;
try {
  const files = [];
  for (const mebibytes of sizes) {
    files.push(await writeArchive(join(folder, `model-${mebibytes}MiB.tar`), mebibytes));
  }
  server = await startDevServer({ dataDir: join(folder, "server") });
  exitCode = await new Promise((resolve) => {
    const child = spawn(command, commandArguments, {
      stdio: "inherit",
      env: {
        ...process.env,
        LUML_TEST_BASE_URL: server.baseUrl,
        LUML_TEST_API_KEY: server.apiKey,
        LUML_TEST_SEEDED: JSON.stringify(server.seeded),
        LUML_BENCH_FILES: JSON.stringify(files),
        DENO_NO_UPDATE_CHECK: "1",
      },
    });
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", (error) => {
      console.error(`${command} did not start: ${error.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
} finally {
  await server?.stop();
  await rm(folder, { recursive: true, force: true });
}
process.exit(exitCode);
