import { describe, expect, it } from "vitest";
import type { ProgressEvent } from "../platform";
import {
  createProgressBar,
  formatBytes,
  formatDuration,
  formatProgressLine,
  formatProgressText,
  progressFraction,
} from "./format-progress";

/** An output that records what the bar wrote, and a clock the test moves. */
function capture(isTerminal: boolean) {
  const writes: string[] = [];
  let time = 0;
  return {
    output: { isTerminal, write: (text: string) => writes.push(text) },
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
    text: () => writes.join(""),
  };
}

function feed(
  callback: (event: ProgressEvent) => void,
  phase: ProgressEvent["phase"],
  total: number,
  advance?: (ms: number) => void,
) {
  for (let step = 0; step <= 100; step++) {
    advance?.(10);
    callback({ phase, loaded: Math.round((total * step) / 100), total });
  }
}

describe("createProgressBar", () => {
  it("prints `lines` lines per phase, at even percentages, when the output is not a terminal", () => {
    const run = capture(false);
    const onProgress = createProgressBar(run.output, {}, run.now);
    feed(onProgress, "hashing", 1_000, run.advance);
    feed(onProgress, "uploading", 1_000, run.advance);

    const lines = run.text().trimEnd().split("\n");
    expect(lines).toHaveLength(8);
    expect(lines.map((line) => line.match(/(\d+)%/)?.[1])).toEqual([
      "25",
      "50",
      "75",
      "100",
      "25",
      "50",
      "75",
      "100",
    ]);
    expect(lines[3]).toMatch(/^hashing\s+\[=+\] 100% .* {2}in 1s$/);
    expect(lines[7]).toMatch(/^uploading\s+\[=+\] 100%/);
    expect(run.text()).not.toContain("\r");
    expect(run.text()).not.toContain("\x1b");
  });

  it("redraws one line in place on a terminal, throttled, and ends each phase with a newline", () => {
    const run = capture(true);
    const onProgress = createProgressBar(run.output, { interval: 250 }, run.now);
    feed(onProgress, "downloading", 4_096, run.advance);

    const text = run.text();
    // 101 events 10 ms apart: a redraw at 0, 250, 500 and 750 ms, and the end at 1000 ms.
    expect(text.split("\r").filter(Boolean)).toHaveLength(5);
    expect(text.startsWith("\r")).toBe(true);
    expect(text.endsWith("100%      0.0 MiB/s  in 1s\x1b[K\n")).toBe(true);
    expect(text.split("\n")).toHaveLength(2);
  });

  it("draws the first event of a phase at once, and starts a new line for a new phase", () => {
    const run = capture(true);
    const onProgress = createProgressBar(run.output, { interval: 60_000 }, run.now);
    onProgress({ phase: "hashing", loaded: 1, total: 10 });
    onProgress({ phase: "uploading", loaded: 1, total: 10 });
    expect(run.text().split("\r")).toHaveLength(3);
    const [hashing, uploading] = run.text().split("\x1b[K\n");
    expect(hashing).toMatch(/^\rhashing .* 10% /);
    expect(uploading).toMatch(/^\ruploading .* 10% /);
  });
});

describe("formatProgressLine", () => {
  it("shows phase, bar, percentage, speed and time left", () => {
    const line = formatProgressLine(
      { phase: "uploading", loaded: 5 * 1024 * 1024, total: 10 * 1024 * 1024 },
      1000,
      10,
    );
    expect(line).toBe("uploading   [=====>    ]  50%      5.0 MiB/s  ETA 1s");
  });

  it("shows an empty file as complete", () => {
    expect(formatProgressLine({ phase: "hashing", loaded: 0, total: 0 }, 0, 4)).toBe(
      "hashing     [====] 100%      0.0 MiB/s  in 0ms",
    );
  });
});

describe("formatProgressText", () => {
  it("names the phase, the percentage and the bytes", () => {
    expect(
      formatProgressText({ phase: "uploading", loaded: 12 * 1024 * 1024, total: 30 * 1024 * 1024 }),
    ).toBe("Uploading: 40% (12.0 MiB of 30.0 MiB)");
    expect(formatProgressText({ phase: "hashing", loaded: 0, total: 2048 })).toBe(
      "Hashing: 0% (0 B of 2.0 KiB)",
    );
  });

  it("says done at the end of a phase, and for an empty file", () => {
    expect(formatProgressText({ phase: "downloading", loaded: 3_145_728, total: 3_145_728 })).toBe(
      "Downloading: done (3.0 MiB)",
    );
    expect(formatProgressText({ phase: "uploading", loaded: 0, total: 0 })).toBe(
      "Uploading: done (0 B)",
    );
  });
});

describe("helpers", () => {
  it("clamps the fraction", () => {
    expect(progressFraction({ phase: "hashing", loaded: 5, total: 4 })).toBe(1);
    expect(progressFraction({ phase: "hashing", loaded: 1, total: 4 })).toBe(0.25);
  });

  it("formats durations and sizes", () => {
    expect([0.2, 0.9996, 1, 59, 125, 3_780, Number.NaN].map(formatDuration)).toEqual([
      "200ms",
      "1s",
      "1s",
      "59s",
      "2m05s",
      "1h03m",
      "--",
    ]);
    expect([0, 1023, 1024, 1.5 * 1024 ** 3].map(formatBytes)).toEqual([
      "0 B",
      "1023 B",
      "1.0 KiB",
      "1.5 GiB",
    ]);
  });
});
