// Produces a real file-system error that needs more than the suite's permissions
// (Deno asks --allow-all for /dev and /proc files) and prints the FileError it maps to.
// Argument: "write-dev-full" (ENOSPC), "read-proc-mem" (EACCES for root under ptrace
// rules) or "download-into-sys" (sysfs refuses new files, EACCES even for root).

import { toFileError } from "../src/file-error.ts";
import { openFileSink } from "../src/file-sink.ts";
import { DenoFileBlob } from "../src/index.ts";

const cases: Record<string, { path: string; run: () => Promise<unknown> }> = {
  "write-dev-full": { path: "/dev/full", run: () => Deno.writeTextFile("/dev/full", "bytes") },
  "read-proc-mem": {
    path: "/proc/1/mem",
    run: () => new DenoFileBlob("/proc/1/mem", 0, 10).bytes(),
  },
  "download-into-sys": {
    path: "/sys/model.fnnx",
    run: () => openFileSink("/sys/model.fnnx", "model.fnnx"),
  },
};
const chosen = cases[Deno.args[0] ?? ""];
if (!chosen) throw new Error(`unknown case ${Deno.args[0]}`);
try {
  await chosen.run();
  console.log(JSON.stringify({ failed: false }));
} catch (cause) {
  const error = toFileError(cause, chosen.path);
  console.log(JSON.stringify({ failed: true, code: error.code, message: error.message }));
}
