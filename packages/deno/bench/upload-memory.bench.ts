// Deno's peak memory while uploading large archives: a simple PUT of 256 MiB and a
// multipart upload of 1 GiB to the Azure collection. With file bodies streamed from
// disk, the peak must not grow with the file size. Run from packages/deno, after a
// build, with only the four permissions the SDK needs:
//
//   node bench/with-dev-server.mjs deno run --allow-read --allow-write --allow-net \
//     --allow-env bench/upload-memory.bench.ts
import { LumlClient } from "../dist/index.js";

interface BenchFile {
  path: string;
  size: number;
}

const mebibyte = 1024 * 1024;
const sampleEvery = 20;
const seeded = JSON.parse(Deno.env.get("LUML_TEST_SEEDED") ?? "{}");
const files: BenchFile[] = JSON.parse(Deno.env.get("LUML_BENCH_FILES") ?? "[]");
const client = new LumlClient({
  baseUrl: Deno.env.get("LUML_TEST_BASE_URL"),
  apiKey: Deno.env.get("LUML_TEST_API_KEY"),
  organization: seeded.organization.name,
  orbit: seeded.orbits.azure.name,
  collection: seeded.collections.azure.name,
});

const megabytes = (bytes: number) => `${(bytes / mebibyte).toFixed(0)} MiB`;
const results: { size: number; peak: number; seconds: number; events: number }[] = [];
const baseline = Deno.memoryUsage().rss;
console.log(`Deno ${Deno.version.deno}, RSS before uploading: ${megabytes(baseline)}`);

for (const file of files) {
  let peak = Deno.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, Deno.memoryUsage().rss);
  }, sampleEvery);
  let events = 0;
  const started = performance.now();
  try {
    const artifact = await client.artifacts.upload(file.path, {
      onProgress: (event) => {
        if (event.phase === "uploading") events++;
      },
    });
    await client.artifacts.delete(artifact.id);
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, Deno.memoryUsage().rss);
  const seconds = (performance.now() - started) / 1000;
  results.push({ size: file.size, peak, seconds, events });
  console.log(
    `${megabytes(file.size).padStart(9)} upload: peak RSS ${megabytes(peak)}, ` +
      `${seconds.toFixed(1)} s, ${events} progress events`,
  );
}

// Flat memory: the largest file may not cost more than 64 MiB over the smallest.
const peaks = results.map((result) => result.peak);
const growth = Math.max(...peaks) - Math.min(...peaks);
const flat = growth < 64 * mebibyte;
console.log(`${flat ? "PASS" : "FAIL"}: peak RSS varies by ${megabytes(growth)} across sizes`);
if (!flat) Deno.exit(1);
