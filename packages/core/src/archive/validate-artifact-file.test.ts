import { describe, expect, it } from "vitest";
import { FileError, InvalidArgumentError } from "../errors";
import { maxArtifactFileSize, validateArtifactFile } from "./validate-artifact-file";

function codeOf(name: string, size: number): string | undefined {
  try {
    validateArtifactFile(name, size);
    return undefined;
  } catch (error) {
    if (FileError.isInstance(error)) return error.code;
    throw error;
  }
}

describe("validateArtifactFile", () => {
  it("accepts every artifact extension, judged by the last dot", () => {
    for (const name of [
      "m.fnnx",
      "m.pyfnx",
      "d.dfs",
      "e.luml",
      "a.tar",
      "my.model.v2.fnnx",
      "M.FNNX",
    ]) {
      expect(codeOf(name, 1), name).toBeUndefined();
    }
  });

  it("rejects other extensions", () => {
    expect(codeOf("model.fnnx.zip", 1)).toBe("unsupported_extension");
    expect(codeOf("archive.tar.gz", 1)).toBe("unsupported_extension");
  });

  it("rejects names the service's file_name pattern refuses", () => {
    for (const name of [
      "model",
      "model.",
      "mo:del.fnnx",
      "my#model.fnnx",
      "model.fn nx",
      "'q'.tar",
    ]) {
      expect(codeOf(name, 1), name).toBe("invalid_name");
    }
  });

  it("accepts 5 TiB and refuses a byte more", () => {
    expect(codeOf("model.fnnx", maxArtifactFileSize)).toBeUndefined();
    expect(maxArtifactFileSize).toBe(5_497_558_138_880);
    expect(codeOf("model.fnnx", maxArtifactFileSize + 1)).toBe("too_large");
  });

  it("refuses a size that is not a byte count", () => {
    expect(() => validateArtifactFile("model.fnnx", -1)).toThrow(InvalidArgumentError);
    expect(() => validateArtifactFile("model.fnnx", Number.NaN)).toThrow(InvalidArgumentError);
  });
});
