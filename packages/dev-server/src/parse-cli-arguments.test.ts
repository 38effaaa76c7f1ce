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

describe("parseCliArguments, S3 parts and the artifact limit", () => {
  it("reads --s3-min-part-size (0 allowed) and --max-artifacts, unset by default", () => {
    const parsed = parseCliArguments(["--s3-min-part-size", "0", "--max-artifacts", "3"]);
    expect(parsed?.s3MinPartSize).toBe(0);
    expect(parsed?.maxArtifactsPerOrganization).toBe(3);
    expect(parseCliArguments([])?.s3MinPartSize).toBeUndefined();
    expect(parseCliArguments([])?.maxArtifactsPerOrganization).toBeUndefined();
  });

  it("refuses a negative or fractional size or limit", () => {
    expect(() => parseCliArguments(["--s3-min-part-size", "-1"])).toThrow(/s3-min-part-size/);
    expect(() => parseCliArguments(["--max-artifacts", "2.5"])).toThrow(/max-artifacts/);
  });
});

describe("parseCliArguments after a package manager's `--`", () => {
  it("skips a leading `--` (pnpm run dev-server -- --port 8001)", () => {
    const parsed = parseCliArguments(["--", "--port", "8001", "--faults"]);
    expect(parsed?.port).toBe(8001);
    expect(parsed?.faults).toBe(true);
  });

  it("skips a `--` followed by an option or by nothing, wherever it is", () => {
    expect(parseCliArguments(["--faults", "--", "--port", "8001"])?.port).toBe(8001);
    expect(parseCliArguments(["--port", "8001", "--"])?.port).toBe(8001);
  });

  it("still refuses arguments that are not options, after a `--` too", () => {
    expect(() => parseCliArguments(["--", "8001"])).toThrow();
    expect(() => parseCliArguments(["8001"])).toThrow();
  });
});
