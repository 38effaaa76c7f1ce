import { describe, expect, it } from "vitest";
import { objectPathProblem } from "./object-path";

describe("objectPathProblem", () => {
  it.each([
    "orbit-1/collection-2/0123-model.fnnx",
    "orbit-1/collection-2/0123-my model (v2)..fnnx",
    "a/.hidden/..fnnx",
    "a/...",
  ])("accepts %j", (key) => {
    expect(objectPathProblem(key)).toBeUndefined();
  });

  it.each(["a/../b", "../b", "a/./b", "a/..", "a/b\u0000.fnnx", "a/b\n.fnnx"])(
    "refuses %j",
    (key) => {
      expect(objectPathProblem(key)).toEqual(expect.any(String));
    },
  );

  it("decodes a raw path once, with %2F as a separator", () => {
    expect(objectPathProblem("/bucket/a/%2e%2E/b", true)).toMatch(/segment/);
    expect(objectPathProblem("/bucket/a%2F..%2Fb", true)).toMatch(/segment/);
    expect(objectPathProblem("/bucket/a/%00", true)).toMatch(/control/);
    expect(objectPathProblem("/bucket/a/%E0%A4%A", true)).toMatch(/percent/);
    // Encoded twice: the emulator decodes once and keeps "%2e%2e" as a literal name.
    expect(objectPathProblem("/bucket/a/%252e%252e/b", true)).toBeUndefined();
    expect(objectPathProblem("/bucket/my%20model%20(v2).fnnx", true)).toBeUndefined();
  });
});
