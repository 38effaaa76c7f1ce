import { describe, expect, it } from "vitest";
import { collectingInBun } from "./bun-collection";

/** A download's buffers taken one per millisecond of a clock the test moves. */
function simulate(collectionMs: number, chunks: number) {
  let clock = 0;
  let collections = 0;
  let handedOut = 0;
  const take = collectingInBun(
    () => new Uint8Array([handedOut++ % 256]),
    {
      gc: (force) => {
        expect(force).toBe(true);
        collections += 1;
        clock += collectionMs;
      },
    },
    { now: () => clock },
  );
  const firsts: number[] = [];
  for (let chunk = 0; chunk < chunks; chunk++) {
    clock += 1;
    firsts.push(take()[0] as number);
  }
  return { collections, elapsed: clock, firsts };
}

describe("collectingInBun", () => {
  it("collects after every 16 chunks while a collection is quick, handing out every buffer", () => {
    const run = simulate(0.2, 1600);
    expect(run.collections).toBe(100);
    expect(run.firsts.slice(0, 3)).toEqual([0, 1, 2]);
    expect(run.firsts).toHaveLength(1600);
  });

  it("spaces collections out when each is slow: at most a tenth of the time after the first", () => {
    const collectionMs = 400;
    const run = simulate(collectionMs, 100_000);
    const collected = run.collections * collectionMs;
    expect(run.collections).toBeGreaterThan(1);
    expect(collected - collectionMs).toBeLessThanOrEqual(0.1 * run.elapsed);
    // Collecting every 16 chunks regardless would have taken 2,500 s of a 100 s download.
    expect(run.elapsed).toBeLessThan(115_000);
  });
});
