import { describe, expect, it } from "vitest";
import { safeFileName } from "./safe-file-name";

describe("safeFileName", () => {
  it.each([
    ["model.fnnx", "model.fnnx"],
    ["../../etc/passwd.fnnx", "passwd.fnnx"],
    ["..\\..\\windows\\evil.fnnx", "evil.fnnx"],
    ["/absolute/path/model.dfs", "model.dfs"],
    ["dir/.hidden.fnnx", "hidden.fnnx"],
    ["a\u0000b\u001b[31m.fnnx", "a_b_[31m.fnnx"],
    ['we<ird>:na"me|?.fnnx', "we_ird__na_me__.fnnx"],
    ["CON.fnnx", "_CON.fnnx"],
    ["trailing. ", "trailing"],
  ])("%j becomes %j", (input, expected) => {
    expect(safeFileName(input, "01a2")).toBe(expected);
  });

  it.each([
    ["..", "artifact-01a2"],
    ["../..", "artifact-01a2"],
    ["", "artifact-01a2"],
    ["../.fnnx", "artifact-01a2.fnnx"],
    ["dir/", "artifact-01a2"],
  ])("an empty or dot-only name %j becomes %j", (input, expected) => {
    expect(safeFileName(input, "01a2")).toBe(expected);
  });

  it("keeps an id with path characters out of the fallback name", () => {
    expect(safeFileName("..", "../x")).toBe("artifact-x");
  });

  it("shortens very long names but keeps the extension", () => {
    const name = safeFileName(`${"m".repeat(500)}.fnnx`, "1");
    expect(name).toHaveLength(200);
    expect(name.endsWith(".fnnx")).toBe(true);
  });
});
