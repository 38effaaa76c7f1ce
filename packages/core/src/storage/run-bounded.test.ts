import { describe, expect, it } from "vitest";
import { runBounded } from "./run-bounded";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("runBounded", () => {
  it("keeps at most `concurrency` tasks in flight and keeps results in order", async () => {
    let running = 0;
    let peak = 0;
    const results = await runBounded([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1;
      peak = Math.max(peak, running);
      await tick();
      running -= 1;
      return item * 2;
    });
    expect(results).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(peak).toBe(3);
  });

  it("stops starting tasks after a failure and aborts those in flight", async () => {
    const started: number[] = [];
    const aborted: number[] = [];
    const failure = new Error("part 2 failed");
    const run = runBounded([1, 2, 3, 4, 5], 2, async (item, signal) => {
      started.push(item);
      if (item === 2) throw failure;
      await new Promise<void>((resolve) => {
        signal.addEventListener("abort", () => {
          aborted.push(item);
          resolve();
        });
      });
    });
    await expect(run).rejects.toBe(failure);
    expect(started).toEqual([1, 2]);
    expect(aborted).toEqual([1]);
  });

  it("rejects with the caller's abort reason", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    const run = runBounded(
      [1, 2],
      2,
      (_item, signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener("abort", () => reject(signal.reason));
        }),
      controller.signal,
    );
    controller.abort(reason);
    await expect(run).rejects.toBe(reason);
  });
});
