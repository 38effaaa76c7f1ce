import { describe, expect, it } from "vitest";
import { createBlobSink } from "./blob-sink";
import { createStreamSink } from "./stream-sink";

// A sink's `write` only borrows its chunk: once the write settles, the download hands
// the buffer to the hash, which may refill it with later bytes (a reused reply buffer)
// or move it to another thread. These write from one buffer refilled between writes.
const refilled = (buffer: Uint8Array, value: number) => buffer.fill(value);

describe("sinks keep copies of the chunks they were lent", () => {
  it("the Blob sink's Blob holds the bytes each write had", async () => {
    const sink = createBlobSink();
    const buffer = new Uint8Array(4);
    await sink.write(refilled(buffer, 1), 0);
    await sink.write(refilled(buffer, 2), 4);
    refilled(buffer, 9);
    await sink.commit();
    expect([...new Uint8Array(await sink.blob().arrayBuffer())]).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it("the stream sink's reader gets the bytes each write had, however late it reads", async () => {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>(
      {},
      { highWaterMark: 8 },
      { highWaterMark: 8 },
    );
    const sink = createStreamSink(writable);
    const buffer = new Uint8Array(4);
    await sink.write(refilled(buffer, 1), 0);
    await sink.write(refilled(buffer, 2), 4);
    await sink.write(refilled(buffer, 3), 8);
    refilled(buffer, 9);
    await sink.commit();
    const read: number[] = [];
    for (const reader = readable.getReader(); ; ) {
      const { done, value } = await reader.read();
      if (done) break;
      read.push(...value);
    }
    expect(read).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
  });
});
