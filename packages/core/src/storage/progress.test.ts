import { describe, expect, it } from "vitest";
import type { ProgressEvent } from "../platform";
import { PartsProgress, PhaseProgress } from "./progress";

describe("progress", () => {
  it("never goes backwards and ends at the total", () => {
    const events: ProgressEvent[] = [];
    const progress = new PhaseProgress("uploading", 100, (event) => events.push(event));
    for (const loaded of [0, 10, 5, 10, 60, 200]) progress.report(loaded);
    progress.finish();
    expect(events.map((event) => event.loaded)).toEqual([0, 10, 60, 100]);
  });

  it("sums parallel parts, counting a retried part once", () => {
    const events: ProgressEvent[] = [];
    const parts = new PartsProgress(
      new PhaseProgress("uploading", 30, (event) => events.push(event)),
    );
    parts.update(1, 5);
    parts.update(2, 10);
    parts.update(1, 0); // part 1 restarted after a failure
    parts.update(1, 10);
    parts.update(3, 10);
    expect(events.map((event) => event.loaded)).toEqual([5, 15, 20, 30]);
  });
});
