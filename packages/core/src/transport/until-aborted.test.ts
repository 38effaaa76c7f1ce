import { describe, expect, it } from "vitest";
import { untilAborted } from "./until-aborted";

describe("untilAborted", () => {
  it("settles as the promise does while the signal stays quiet", async () => {
    const signal = new AbortController().signal;
    await expect(untilAborted(Promise.resolve(7), signal)).resolves.toBe(7);
    const failure = new Error("failed");
    await expect(untilAborted(Promise.reject(failure), signal)).rejects.toBe(failure);
  });

  it("rejects with the reason at the abort and hands the unfinished work to abandon", async () => {
    const controller = new AbortController();
    let finish: (value: string) => void = () => {};
    const work = new Promise<string>((resolve) => {
      finish = resolve;
    });
    const abandoned: Array<Promise<string>> = [];
    const waiting = untilAborted(work, controller.signal, (promise) => abandoned.push(promise));
    const reason = new Error("stopped");
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(abandoned).toEqual([work]);
    finish("late");
  });

  it("rejects at once on a signal already aborted, and its work's failure goes unreported", async () => {
    const reason = new Error("already");
    const unhandled: unknown[] = [];
    const onUnhandled = (error: unknown) => unhandled.push(error);
    process.on("unhandledRejection", onUnhandled);
    try {
      const work = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("late")), 5),
      );
      await expect(untilAborted(work, AbortSignal.abort(reason))).rejects.toBe(reason);
      await new Promise((resolve) => setTimeout(resolve, 30));
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
