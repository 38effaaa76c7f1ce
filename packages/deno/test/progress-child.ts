// A script that reports a hashing and an uploading phase to `progressBar()` with its
// default writer (Deno.stderr), for a test that reads what it drew.
import { progressBar } from "../src/progress-bar.ts";

const onProgress = progressBar();
for (const phase of ["hashing", "uploading"] as const) {
  for (let step = 0; step <= 100; step++) onProgress({ phase, loaded: step * 10, total: 1_000 });
}
