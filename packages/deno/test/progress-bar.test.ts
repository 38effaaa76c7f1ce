import { progressBar } from "../src/progress-bar.ts";
import { assert, assertEquals } from "./assert.ts";

/** A writer that takes at most `chunk` bytes per call, as a busy pipe may. */
function recorder(isTerminal: boolean, chunk = 7) {
  const bytes: number[] = [];
  return {
    writer: {
      isTerminal: () => isTerminal,
      writeSync(data: Uint8Array): number {
        const written = Math.min(chunk, data.length);
        bytes.push(...data.subarray(0, written));
        return written;
      },
    },
    text: () => new TextDecoder().decode(new Uint8Array(bytes)),
  };
}

function feed(onProgress: ReturnType<typeof progressBar>, total: number) {
  for (let step = 0; step <= 100; step++) {
    onProgress({ phase: "downloading", loaded: Math.round((total * step) / 100), total });
  }
}

Deno.test("progressBar writes to Deno.stderr by default: whole lines when it is a pipe", async () => {
  const { code, stderr, stdout } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-config",
      "--cached-only",
      "--import-map",
      new URL("./import-map.json", import.meta.url).pathname,
      new URL("./progress-child.ts", import.meta.url).pathname,
    ],
    env: { DENO_NO_PACKAGE_JSON: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(stderr);
  assertEquals(code, 0, text);
  assertEquals(stdout.length, 0);
  const lines = text.trimEnd().split("\n");
  assertEquals(
    lines.map((line) =>
      line
        .match(/^(\w+)\s+\[[=> ]+\]\s+(\d+)%/)
        ?.slice(1)
        .join(" "),
    ),
    [
      "hashing 25",
      "hashing 50",
      "hashing 75",
      "hashing 100",
      "uploading 25",
      "uploading 50",
      "uploading 75",
      "uploading 100",
    ],
  );
  assert(!text.includes("\r") && !text.includes("\x1b"), "no terminal escapes in a pipe");
});

Deno.test("progressBar redraws one line in place on a terminal, and writes every byte", () => {
  const term = Deno.env.get("TERM");
  Deno.env.set("TERM", "xterm-256color");
  try {
    const output = recorder(true);
    feed(progressBar({ writer: output.writer, interval: 60_000 }), 4_096);
    const text = output.text();
    // The first event and the last one: the interval keeps the others from drawing.
    const draws = text.split("\r").filter(Boolean);
    assertEquals(draws.length, 2);
    assert(draws[0].startsWith("downloading [>") && draws[0].includes("  0%"), draws[0]);
    assert(draws[1].startsWith("downloading [====="), draws[1]);
    assert(draws[1].endsWith("\x1b[K\n"), JSON.stringify(draws[1]));
    assert(/ 100% .* in \d+m?s$/.test(draws[1].slice(0, -"\x1b[K\n".length)), draws[1]);
  } finally {
    if (term === undefined) Deno.env.delete("TERM");
    else Deno.env.set("TERM", term);
  }
});

Deno.test("progressBar prints whole lines on a terminal that cannot redraw (TERM=dumb)", () => {
  const term = Deno.env.get("TERM");
  Deno.env.set("TERM", "dumb");
  try {
    const output = recorder(true);
    feed(progressBar({ writer: output.writer, lines: 2 }), 100);
    const lines = output.text().trimEnd().split("\n");
    assertEquals(
      lines.map((line) => line.match(/(\d+)%/)?.[1]),
      ["50", "100"],
    );
    assert(!output.text().includes("\r"));
  } finally {
    if (term === undefined) Deno.env.delete("TERM");
    else Deno.env.set("TERM", term);
  }
});
