import { describe, expect, it } from "vitest";
import { BlobWindow, openRandomAccess } from "./blob-window";

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

describe("BlobWindow over a random-access blob", () => {
  /** A Blob that can be read through one handle, counting opens, reads and closes. */
  class HandleBlob extends Blob {
    opens = 0;
    handleReads = 0;
    closes = 0;
    [openRandomAccess] = async () => {
      this.opens++;
      return {
        read: async (buffer: Uint8Array, position: number) => {
          this.handleReads++;
          const chunk = bytes.subarray(position, position + buffer.length);
          buffer.set(chunk);
          return chunk.length;
        },
        close: async () => {
          this.closes++;
        },
      };
    };
  }

  it("opens the blob once for every window, grows the window on sequential reads, and closes", async () => {
    const blob = new HandleBlob([bytes]);
    const reader = new BlobWindow(blob, { windowSize: 512 });
    for (let offset = 0; offset < bytes.length; offset += 512) {
      expect(await reader.read(offset, 512)).toEqual(
        bytes.subarray(offset, Math.min(offset + 512, bytes.length)),
      );
    }
    // 512, 1024, 2048, 4096, then the rest: five windows for 20 blocks.
    expect(reader.reads).toBe(5);
    expect(blob.opens).toBe(1);
    expect(await reader.read(100, 5000)).toEqual(bytes.subarray(100, 5100));
    await reader.close();
    expect([blob.opens, blob.closes]).toEqual([1, 1]);
  });
});
