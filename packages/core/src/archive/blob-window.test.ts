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

describe("BlobWindow reading ahead", () => {
  /** A random-access blob whose reads log their position; reads from `holdFrom` wait for `release`, the one at `failAt` fails. */
  function loggingBlob(options: { holdFrom?: number; failAt?: number } = {}) {
    const log: string[] = [];
    const held: Array<() => void> = [];
    const blob = Object.assign(new Blob([bytes]), {
      [openRandomAccess]: async () => ({
        read: async (buffer: Uint8Array, position: number) => {
          log.push(`read ${position}`);
          if (options.holdFrom !== undefined && position >= options.holdFrom) {
            await new Promise<void>((resolve) => held.push(resolve));
          }
          if (position === options.failAt) {
            throw new Error(`cannot read at ${position}`);
          }
          const chunk = bytes.subarray(position, position + buffer.length);
          buffer.set(chunk);
          log.push(`done ${position}`);
          return chunk.length;
        },
        close: async () => {
          log.push("close");
        },
      }),
    });
    const release = () => {
      for (const resolve of held.splice(0)) resolve();
    };
    return { blob, log, release };
  }

  it("reads the next window while the current one is used, and serves it unchanged", async () => {
    const { blob, log } = loggingBlob();
    const reader = new BlobWindow(blob, { windowSize: 512 });
    expect(await reader.read(0, 512)).toEqual(bytes.subarray(0, 512));
    expect(await reader.read(512, 512)).toEqual(bytes.subarray(512, 1024));
    // The second read was sequential (its window grew to 1024 bytes) and started the next.
    expect(log.filter((line) => line.startsWith("read"))).toEqual([
      "read 0",
      "read 512",
      "read 1536",
    ]);
    for (let offset = 1024; offset < bytes.length; offset += 512) {
      const block = await reader.read(offset, 512);
      expect(block).toEqual(bytes.subarray(offset, Math.min(offset + 512, bytes.length)));
    }
    // As many reads as without reading ahead: every window read ahead was used.
    expect(reader.reads).toBe(5);
    await reader.close();
  });

  it("gives the right bytes after a jump forward or back past the window ahead", async () => {
    const { blob } = loggingBlob();
    const reader = new BlobWindow(blob, { windowSize: 512 });
    await reader.read(0, 512);
    await reader.read(512, 512);
    expect(await reader.read(9000, 600)).toEqual(bytes.subarray(9000, 9600));
    await reader.read(9600, 100);
    expect(await reader.read(100, 300)).toEqual(bytes.subarray(100, 400));
    await reader.close();
  });

  it("lets a read ahead finish before it closes the handle", async () => {
    const { blob, log, release } = loggingBlob({ holdFrom: 1536 });
    const reader = new BlobWindow(blob, { windowSize: 512 });
    await reader.read(0, 512);
    await reader.read(512, 512);
    expect(log.at(-1)).toBe("read 1536");
    const closed = reader.close();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log.at(-1)).toBe("read 1536");
    release();
    await closed;
    expect(log.slice(-2)).toEqual(["done 1536", "close"]);
  });

  it("reports a failed read ahead when its window is needed, and not before", async () => {
    const { blob } = loggingBlob({ failAt: 1536 });
    const reader = new BlobWindow(blob, { windowSize: 512 });
    await reader.read(0, 512);
    expect(await reader.read(512, 1024)).toEqual(bytes.subarray(512, 1536));
    await expect(reader.read(1536, 512)).rejects.toThrow("cannot read at 1536");
    await reader.close();
  });

  it("drops a failed read ahead that is never needed", async () => {
    const { blob } = loggingBlob({ failAt: 1536 });
    const reader = new BlobWindow(blob, { windowSize: 512 });
    await reader.read(0, 512);
    await reader.read(512, 512);
    expect(await reader.read(0, 100)).toEqual(bytes.subarray(0, 100));
    await reader.read(512, 512);
    // Jumping over the window ahead (a big member's data) does not need its bytes either.
    expect(await reader.read(8000, 512)).toEqual(bytes.subarray(8000, 8512));
    await reader.close();
  });
});
