import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

/** The built package, as a user's script imports it (the tests run after the build). */
const helper = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const childScript = fileURLToPath(new URL("./interrupt-child.mjs", import.meta.url));

/** A child running the script in `mode`, with its stdout read line by line as JSON. */
function startChild(mode: string) {
  const child = spawn(process.execPath, [childScript, pathToFileURL(helper).href, mode], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    async next() {
      const { value, done } = await lines.next();
      if (done) throw new Error("the child ended before printing");
      return JSON.parse(value);
    },
  };
}

/** How the child ended: its exit code, or the signal that ended it. */
async function ending(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return { code: child.exitCode, signal: child.signalCode };
  }
  const [code, signal] = await once(child, "exit");
  return { code, signal };
}

describe("abortOnInterrupt", () => {
  it("aborts on the first SIGINT with an AbortError; the script then ends by itself", async () => {
    const { child, next } = startChild("finish");
    expect(await next()).toEqual({ ready: true });
    child.kill("SIGINT");
    expect(await next()).toEqual({
      aborted: true,
      name: "AbortError",
      message: "Interrupted by SIGINT",
    });
    expect(await ending(child)).toEqual({ code: 0, signal: null });
  });

  it("aborts on SIGTERM too", async () => {
    const { child, next } = startChild("finish");
    await next();
    child.kill("SIGTERM");
    expect(await next()).toMatchObject({ name: "AbortError", message: "Interrupted by SIGTERM" });
    expect(await ending(child)).toEqual({ code: 0, signal: null });
  });

  it("ends the process with code 130 on a second SIGINT", async () => {
    const { child, next } = startChild("hang");
    await next();
    child.kill("SIGINT");
    expect(await next()).toMatchObject({ aborted: true });
    child.kill("SIGINT");
    expect(await ending(child)).toEqual({ code: 130, signal: null });
  });

  it("does not keep a finished script alive", async () => {
    const { child, next } = startChild("no-signal");
    expect(await next()).toEqual({ done: true });
    expect(await ending(child)).toEqual({ code: 0, signal: null });
  });

  it("once disposed, leaves SIGINT its default: the process ends", async () => {
    const { child, next } = startChild("dispose-first");
    await next();
    child.kill("SIGINT");
    expect(await ending(child)).toEqual({ code: null, signal: "SIGINT" });
  });
});
