import { describe, expect, it } from "vitest";
import { LumlError } from "./errors";
import { loadChunk } from "./load-chunk";

describe("loadChunk", () => {
  it("hands on the loaded module", async () => {
    const module = { run: () => 1 };
    await expect(loadChunk(async () => module, "upload")).resolves.toBe(module);
  });

  it("turns a failed load into a retryable LumlError that names the part, with the cause", async () => {
    const failure = new TypeError("Failed to fetch dynamically imported module: /assets/x.js");
    const error = await loadChunk(() => Promise.reject(failure), "upload").catch(
      (caught: unknown) => caught,
    );
    expect(LumlError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ name: "LumlError", isRetryable: true, cause: failure });
    expect((error as Error).message).toMatch(
      /^The SDK's upload code could not be loaded \(Failed to fetch .*\); nothing was done, so the call can be repeated/,
    );
  });
});
