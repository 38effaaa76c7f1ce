import { PassThrough } from "node:stream";
import type { ProgressEvent } from "@luml/core";
import { describe, expect, it } from "vitest";
import { progressBar } from "./progress-bar";

/** A writable that records what the bar drew; `isTTY` decides which mode it uses. */
function capture(isTTY: boolean): { stream: NodeJS.WritableStream; text(): string } {
  const stream = Object.assign(new PassThrough(), { isTTY });
  const chunks: string[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join("") };
}

function feed(
  callback: (event: ProgressEvent) => void,
  phase: ProgressEvent["phase"],
  total: number,
) {
  for (let step = 0; step <= 100; step++) {
    callback({ phase, loaded: Math.round((total * step) / 100), total });
  }
}

describe("progressBar", () => {
  it("prints a few lines per phase when the stream is not a terminal", async () => {
    const output = capture(false);
    const onProgress = progressBar({ stream: output.stream });
    feed(onProgress, "hashing", 1_000);
    feed(onProgress, "uploading", 1_000);
    await new Promise((resolve) => setImmediate(resolve));

    const lines = output.text().trimEnd().split("\n");
    expect(lines).toHaveLength(8);
    expect(lines.slice(0, 4).map((line) => line.match(/(\d+)%/)?.[1])).toEqual([
      "25",
      "50",
      "75",
      "100",
    ]);
    expect(lines[3]).toMatch(/^hashing\s+\[=+\] 100% .* in \d+m?s$/);
    expect(lines[7]).toMatch(/^uploading\s+\[=+\] 100%/);
    expect(output.text()).not.toContain("\r");
  });

  it("redraws one line in place on a terminal and ends each phase with a newline", async () => {
    const output = capture(true);
    const onProgress = progressBar({ stream: output.stream, interval: 0 });
    feed(onProgress, "downloading", 4_096);
    await new Promise((resolve) => setImmediate(resolve));

    const text = output.text();
    expect(text.startsWith("\r")).toBe(true);
    expect(text.endsWith("\n")).toBe(true);
    expect(text.split("\n")).toHaveLength(2);
    expect(text).toContain("100%");
  });

  it("throttles terminal redraws but always draws the end", async () => {
    const output = capture(true);
    const onProgress = progressBar({ stream: output.stream, interval: 60_000 });
    feed(onProgress, "uploading", 100);
    await new Promise((resolve) => setImmediate(resolve));

    expect(output.text().split("\r").filter(Boolean)).toHaveLength(2);
  });

  it("prints whole lines on a terminal that cannot redraw (TERM=dumb)", async () => {
    const term = process.env.TERM;
    process.env.TERM = "dumb";
    try {
      const output = capture(true);
      const onProgress = progressBar({ stream: output.stream });
      feed(onProgress, "uploading", 1_000);
      await new Promise((resolve) => setImmediate(resolve));

      expect(output.text()).not.toContain("\r");
      expect(output.text().trimEnd().split("\n")).toHaveLength(4);
    } finally {
      if (term === undefined) delete process.env.TERM;
      else process.env.TERM = term;
    }
  });
});
