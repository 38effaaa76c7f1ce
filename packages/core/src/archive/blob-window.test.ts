import { describe, expect, it } from "vitest";
import { BlobWindow } from "./blob-window";

const bytes = Uint8Array.from({ length: 10_000 }, (_, index) => index % 251);

describe("BlobWindow", () => {
  it("serves nearby reads from one window", async () => {
    const reader = new BlobWindow(new Blob([bytes]), { windowSize: 4096 });
    expect(await reader.read(0, 512)).toEqual(bytes.subarray(0, 512));
    expect(await reader.read(3584, 512)).toEqual(bytes.subarray(3584, 4096));
    expect(reader.reads).toBe(1);
    expect(await reader.read(4000, 512)).toEqual(bytes.subarray(4000, 4512));
    expect(reader.reads).toBe(2);
  });

  it("reads more than a window when asked, and less at the end", async () => {
    const reader = new BlobWindow(new Blob([bytes]), { windowSize: 1024 });
    expect(await reader.read(100, 5000)).toEqual(bytes.subarray(100, 5100));
    expect(await reader.read(9900, 512)).toEqual(bytes.subarray(9900));
    expect(await reader.read(20_000, 512)).toHaveLength(0);
  });

  it("stops when its signal is aborted", async () => {
    const controller = new AbortController();
    const reader = new BlobWindow(new Blob([bytes]), { signal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(reader.read(0, 512)).rejects.toThrow("stop");
  });
});
