import { describe, expect, it } from "vitest";
import type { ValidationIssue } from "./http-error";
import { normalizeJsonValue } from "./normalize-json-value";

describe("normalizeJsonValue", () => {
  it("keeps every key as data, __proto__ included", () => {
    const issues: ValidationIssue[] = [];
    const value = normalizeJsonValue(
      JSON.parse('{"__proto__":{"polluted":true},"constructor":1,"toString":2}'),
      ["body"],
      issues,
    ) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.keys(value)).toEqual(["__proto__", "constructor", "toString"]);
    expect(value.polluted).toBeUndefined();
    expect("hasOwnProperty" in value).toBe(false);
    expect(JSON.stringify(value)).toBe(
      '{"__proto__":{"polluted":true},"constructor":1,"toString":2}',
    );
    expect(issues).toEqual([]);
  });

  it("records each number JSON cannot hold at its location", () => {
    const issues: ValidationIssue[] = [];
    normalizeJsonValue(JSON.parse('{"a":[1,1e400],"b":{"c":-1e999},"d":1e-400}'), ["body"], issues);
    expect(issues.map((issue) => issue.loc)).toEqual([
      ["body", "a", 1],
      ["body", "b", "c"],
    ]);
  });
});
