import { describe, expect, it } from "vitest";
import { defaultPartSize, splitIntoParts } from "./part-size";

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

describe("defaultPartSize", () => {
  it("follows the service's table at each boundary", () => {
    expect(defaultPartSize(GIB)).toBe(32 * MIB);
    expect(defaultPartSize(GIB + 1)).toBe(64 * MIB);
    expect(defaultPartSize(5 * GIB)).toBe(64 * MIB);
    expect(defaultPartSize(10 * GIB)).toBe(128 * MIB);
    expect(defaultPartSize(100 * GIB)).toBe(512 * MIB);
    expect(defaultPartSize(100 * GIB + 1)).toBe(GIB);
  });
});

describe("splitIntoParts", () => {
  it("covers every byte once with inclusive ends", () => {
    const parts = splitIntoParts(10, 4);
    expect(parts).toEqual([
      { part_number: 1, start_byte: 0, end_byte: 3, part_size: 4 },
      { part_number: 2, start_byte: 4, end_byte: 7, part_size: 4 },
      { part_number: 3, start_byte: 8, end_byte: 9, part_size: 2 },
    ]);
    expect(splitIntoParts(8, 4)).toHaveLength(2);
  });
});
