// CPU seconds from /proc (Linux), to account for where a transfer's CPU goes: the
// bench's finished child processes (curl, the SDK's child) and the live process tree
// of the dev server (its emulators included). Elsewhere `available` is false and
// the bench skips the accounting.
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** USER_HZ: the unit of /proc's CPU times, 100 on every mainstream Linux. */
const ticksPerSecond = 100;

export const available = existsSync("/proc/self/stat");

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces). */
function statFields(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  return text.slice(text.lastIndexOf(")") + 2).split(" ");
}

/** CPU seconds of this process's children that have exited and been waited for. */
export function finishedChildrenSeconds() {
  // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
  const fields = statFields("self");
  return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
}

/** CPU seconds used so far by `pid` and every live process below it. */
export function processTreeSeconds(pid) {
  const parents = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      parents.set(Number(name), Number(statFields(name)[1]));
    } catch {
      // The process exited while the table was read.
    }
  }
  let seconds = 0;
  for (const candidate of parents.keys()) {
    let ancestor = candidate;
    while (ancestor > 1 && ancestor !== pid) ancestor = parents.get(ancestor) ?? 0;
    if (ancestor !== pid) continue;
    try {
      const fields = statFields(candidate);
      seconds += (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    } catch {
      // Exited meanwhile: its time is no longer counted here.
    }
  }
  return seconds;
}
