import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

const folder = await mkdtemp(join(tmpdir(), "luml-interrupt-"));
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/**
 * The helper's source with its types stripped, so a plain `node` (or `bun`) child
 * runs the code under test rather than a build of it.
 */
const helper = join(folder, "abort-on-interrupt.mjs");
const source = await readFile(
  fileURLToPath(new URL("../src/abort-on-interrupt.ts", import.meta.url)),
  "utf8",
);
await writeFile(
  helper,
  ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText,
);
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
