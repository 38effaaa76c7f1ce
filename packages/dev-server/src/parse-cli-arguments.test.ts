import { describe, expect, it } from "vitest";
import { parseCliArguments } from "./parse-cli-arguments";

describe("parseCliArguments", () => {
  it("reads --api-body-limit as a byte count and leaves it unset by default", () => {
    expect(parseCliArguments(["--api-body-limit", "1048576"])?.apiBodyLimit).toBe(1_048_576);
    expect(parseCliArguments([])?.apiBodyLimit).toBeUndefined();
  });

  it("refuses an --api-body-limit that is not a positive integer", () => {
    expect(() => parseCliArguments(["--api-body-limit", "0"])).toThrow(/api-body-limit/);
    expect(() => parseCliArguments(["--api-body-limit", "1.5"])).toThrow(/api-body-limit/);
  });
});
