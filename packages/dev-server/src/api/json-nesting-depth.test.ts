import { describe, expect, it } from "vitest";
import { exceedsJsonNestingDepth } from "./json-nesting-depth";

describe("exceedsJsonNestingDepth", () => {
  it("counts arrays and objects alike", () => {
    expect(exceedsJsonNestingDepth('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(exceedsJsonNestingDepth('{"a":[{"b":[]}]}', 3)).toBe(true);
    expect(exceedsJsonNestingDepth("1", 0)).toBe(false);
    expect(exceedsJsonNestingDepth("[]", 0)).toBe(true);
  });

  it("measures depth, not the number of containers", () => {
    expect(exceedsJsonNestingDepth(`[${"[],".repeat(10_000)}[]]`, 2)).toBe(false);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    expect(exceedsJsonNestingDepth(`["[[[[", "\\"[[[[", "\\\\"]`, 1)).toBe(false);
    expect(exceedsJsonNestingDepth(`["\\\\", [[]]]`, 2)).toBe(true);
  });

  it("scans 200,000 levels without recursing", () => {
    const text = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
    expect(exceedsJsonNestingDepth(text, 128)).toBe(true);
    expect(exceedsJsonNestingDepth(text, 200_000)).toBe(false);
  });
});
