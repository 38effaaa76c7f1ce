import { assertEquals } from "./assert.ts";

/** A child running `interrupt-child.ts` in `mode`, with its stdout read line by line as JSON. */
function startChild(mode: string) {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-config",
      "--cached-only",
      "--import-map",
      new URL("./import-map.json", import.meta.url).pathname,
      new URL("./interrupt-child.ts", import.meta.url).pathname,
      mode,
    ],
    env: { DENO_NO_PACKAGE_JSON: "1" },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).pipeThrough(lineSplitter());
  const reader = lines.getReader();
  return {
    child,
    async next(): Promise<unknown> {
      const { value, done } = await reader.read();
      if (done) throw new Error("the child ended before printing");
      return JSON.parse(value);
    },
    async ending(): Promise<{ code: number; signal: string | null }> {
      // Read to the end, so the pipe is not left open when the test ends.
      while (!(await reader.read()).done) {
        // Nothing else is expected; keep draining.
      }
      const status = await child.status;
      return { code: status.code, signal: status.signal };
    },
  };
}

/** Splits text into lines. */
function lineSplitter(): TransformStream<string, string> {
  let buffered = "";
  return new TransformStream({
    transform(text, controller) {
      buffered += text;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) if (line) controller.enqueue(line);
    },
    flush(controller) {
      if (buffered) controller.enqueue(buffered);
    },
  });
}

Deno.test("abortOnInterrupt aborts on the first SIGINT with an AbortError; the script ends by itself", async () => {
  const { child, next, ending } = startChild("finish");
  assertEquals(await next(), { ready: true });
  child.kill("SIGINT");
  assertEquals(await next(), {
    aborted: true,
    name: "AbortError",
    message: "Interrupted by SIGINT",
  });
  assertEquals(await ending(), { code: 0, signal: null });
});

Deno.test("abortOnInterrupt aborts on SIGTERM too", async () => {
  const { child, next, ending } = startChild("finish");
  await next();
  child.kill("SIGTERM");
  assertEquals(await next(), {
    aborted: true,
    name: "AbortError",
    message: "Interrupted by SIGTERM",
  });
  assertEquals(await ending(), { code: 0, signal: null });
});

Deno.test("abortOnInterrupt ends the process with code 130 on a second SIGINT", async () => {
  const { child, next, ending } = startChild("hang");
  await next();
  child.kill("SIGINT");
  await next();
  child.kill("SIGINT");
  assertEquals(await ending(), { code: 130, signal: null });
});

Deno.test("abortOnInterrupt does not keep a finished script alive", async () => {
  const { next, ending } = startChild("no-signal");
  assertEquals(await next(), { done: true });
  assertEquals(await ending(), { code: 0, signal: null });
});

Deno.test("abortOnInterrupt, once disposed, leaves SIGINT its default: the process ends", async () => {
  const { child, next, ending } = startChild("dispose-first");
  await next();
  child.kill("SIGINT");
  assertEquals((await ending()).signal, "SIGINT");
});
