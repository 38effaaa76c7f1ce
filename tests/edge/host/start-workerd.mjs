/**
 * Runs a bundled module Worker in workerd through miniflare, as `wrangler dev`
 * would, without `nodejs_compat`: only what a Worker has by default.
 */
import { readdirSync, readFileSync } from "node:fs";
import { Miniflare } from "miniflare";

/**
 * A compatibility date workerd 1.20260426 knows: recent enough for today's Worker
 * defaults, fixed so an update of miniflare cannot change them silently.
 */
const compatibilityDate = "2026-04-01";

/**
 * @typedef {object} RunningWorker
 * @property {string} url Where the Worker answers, over real HTTP.
 * @property {(url: string, init?: RequestInit) => Promise<Response>} platformFetch The
 *   Worker's Response as its caller gets it: workerd itself answers HTTP, so plain `fetch`.
 * @property {() => number[]} processIds The workerd processes serving it (for memory readings).
 * @property {() => Promise<void>} close Stops workerd.
 */

/**
 * Starts `script` (an ES module) with `bindings` as its environment.
 * @param {{ script: string, bindings: Record<string, string> }} options
 * @returns {Promise<RunningWorker>}
 */
export async function startWorkerd({ script, bindings }) {
  const miniflare = new Miniflare({
    modules: true,
    script,
    compatibilityDate,
    compatibilityFlags: [],
    bindings,
    host: "127.0.0.1",
    port: 0,
  });
  const url = await miniflare.ready;
  return {
    url: url.href.replace(/\/$/, ""),
    platformFetch: (target, init) => fetch(target, init),
    processIds: () => childProcessesNamed("workerd"),
    close: () => miniflare.dispose(),
  };
}

/**
 * Ids of this process's children whose command is `name` (Linux `/proc`).
 * @param {string} name
 */
function childProcessesNamed(name) {
  /** @type {number[]} */
  const found = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …; comm may hold spaces, so split after its ")".
      const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (command === name && parent === process.pid) found.push(Number(entry));
    } catch {
      // The process ended while it was being read.
    }
  }
  return found;
}
