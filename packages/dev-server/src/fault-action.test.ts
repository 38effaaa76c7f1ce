import { describe, expect, it } from "vitest";
import { faultActionProblem } from "./fault-action";

describe("faultActionProblem", () => {
  it.each([
    { status: 503 },
    { status: 429, retryAfter: 0, body: "slow down" },
    { delayMs: 0 },
    { bytesPerSecond: 1 },
    { cut: "mid-body" },
    { cut: "before-response" },
    { cut: "after-handling" },
    { corrupt: true },
    { stall: "after-headers" },
    { stall: "mid-body" },
    { stall: "request" },
  ])("accepts %j", (action) => {
    expect(faultActionProblem(action)).toBeUndefined();
  });

  it.each([
    null,
    "cut",
    {},
    { status: 99 },
    { status: 503, retryAfter: -1 },
    { delayMs: 1.5 },
    { bytesPerSecond: 0 },
    { bytesPerSecond: 2.5 },
    { cut: "sometimes" },
    { stall: "forever" },
    { corrupt: 1 },
  ])("refuses %j", (action) => {
    expect(faultActionProblem(action)).toEqual(expect.any(String));
  });
});
