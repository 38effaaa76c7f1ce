import { once } from "node:events";
import { truncateSync } from "node:fs";
import { mkdtemp, rename, rm, truncate, writeFile } from "node:fs/promises";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { FileError } from "@luml/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileBlob } from "../src/file-blob";
import { hashBlob } from "../src/hash-blob";
import { openSource } from "../src/open-source";
import { sha256Hex } from "./build-archive";
import {
  append,
  editInPlace,
  openFileBlob,
  readAll,
  readNodeStream,
  rejectionOf,
  writeRandomFile,
} from "./file-edits";

const mebibyte = 1024 * 1024;

let folder: string;
let files = 0;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "luml-file-changes-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A fresh file of `size` random bytes in the test folder. */
async function newFile(size: number): Promise<{ path: string; bytes: Buffer }> {
  const path = join(folder, `file-${++files}.fnnx`);
  return { path, bytes: await writeRandomFile(path, size) };
}

/** Expects a `FileError` of code `changed` naming `path`. */
function expectChanged(error: unknown, path: string): void {
  expect(FileError.isInstance(error) ? error.code : error).toBe("changed");
  expect((error as FileError).fileName).toBe(path);
  expect((error as FileError).message).toContain(path);
}

/** Every way of reading a blob's bytes, started when called. */
function everyRead(blob: FileBlob): Record<string, () => Promise<unknown>> {
  return {
    bytes: () => blob.bytes(),
    text: () => blob.text(),
    stream: () => readAll(blob.stream()),
    nodeStream: () => readNodeStream(blob.nodeStream()),
    hash: () => hashBlob(blob),
    slice: () => blob.slice(0, 100).bytes(),
    "slice stream": () => readAll(blob.slice(10, 2000).stream()),
  };
}

/** Expects every read of `blob` to fail with `changed`. */
async function expectEveryReadChanged(blob: FileBlob): Promise<void> {
  for (const [way, read] of Object.entries(everyRead(blob))) {
    const error = await rejectionOf(read());
    expect(FileError.isInstance(error) && error.code, way).toBe("changed");
  }
}

describe("a file that changes while it is read", () => {
  it("reads an unchanged file whole, in slices, streamed and hashed; check() passes", async () => {
    const { path, bytes } = await newFile(3 * mebibyte + 5);
    const blob = await openFileBlob(path);
    expect(Buffer.from(await blob.bytes()).equals(bytes)).toBe(true);
    expect((await readAll(blob.stream())).equals(bytes)).toBe(true);
    expect((await readNodeStream(blob.nodeStream())).equals(bytes)).toBe(true);
    const slice = blob.slice(mebibyte - 3, 2 * mebibyte + 7);
    const sliceBytes = bytes.subarray(mebibyte - 3, 2 * mebibyte + 7);
    expect(Buffer.from(await slice.bytes()).equals(sliceBytes)).toBe(true);
    expect((await readAll(slice.stream())).equals(sliceBytes)).toBe(true);
    expect(await hashBlob(blob)).toBe(sha256Hex(bytes));
    const source = await openSource(path);
    await expect(source.check?.()).resolves.toBeUndefined();
    expect(await hashBlob(source.blob)).toBe(sha256Hex(bytes));
  });

  it("fails every read and check() with `changed` after an in-place edit of the same size", async () => {
    const { path } = await newFile(2 * mebibyte);
    const blob = await openFileBlob(path);
    const slice = blob.slice(mebibyte, mebibyte + 10);
    const source = await openSource(path);
    await editInPlace(path);
    await expectEveryReadChanged(blob);
    expectChanged(await rejectionOf(slice.bytes()), path);
    expectChanged(await rejectionOf(source.check?.() ?? Promise.resolve()), path);
    expectChanged(await rejectionOf(hashBlob(source.blob)), path);
  });

  it("fails every read and check() with `changed` after an append", async () => {
    const { path } = await newFile(mebibyte);
    const blob = await openFileBlob(path);
    const source = await openSource(path);
    await append(path, 10);
    await expectEveryReadChanged(blob);
    const error = await rejectionOf(source.check?.() ?? Promise.resolve());
    expectChanged(error, path);
    expect((error as Error).message).toContain(`${mebibyte} to ${mebibyte + 10} bytes`);
  });

  it("fails every read and check() with `changed` after a truncation", async () => {
    const { path } = await newFile(2 * mebibyte);
    const blob = await openFileBlob(path);
    const source = await openSource(path);
    await truncate(path, mebibyte);
    await expectEveryReadChanged(blob);
    expectChanged(await rejectionOf(source.check?.() ?? Promise.resolve()), path);
  });

  it("fails a stream at once when the file is truncated while it is read", async () => {
    const { path } = await newFile(8 * mebibyte);
    const blob = await openFileBlob(path);
    const stream = blob.nodeStream();
    let received = 0;
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) {
          received += (chunk as Buffer).byteLength;
          // After the first chunk the file loses its second half.
          if (received === mebibyte) truncateSync(path, 4 * mebibyte);
        }
      })(),
    );
    expectChanged(error, path);
    expect((error as Error).message).toContain("got shorter");
    expect(received).toBeLessThanOrEqual(4 * mebibyte);
  });

  it("fails a read that runs past the end of a file that shrank, even without a snapshot", async () => {
    const { path } = await newFile(mebibyte);
    const blob = new FileBlob(path, 0, mebibyte);
    await truncate(path, 1000);
    expectChanged(await rejectionOf(blob.bytes()), path);
    expectChanged(await rejectionOf(readAll(blob.slice(500).stream())), path);
  });

  it("fails hashing with `changed` when the file is truncated while hashed", async () => {
    const { path } = await newFile(8 * mebibyte);
    const source = await openSource(path);
    const error = await rejectionOf(
      hashBlob(source.blob, {
        onProgress: (loaded) => {
          if (loaded === mebibyte) truncateSync(path, 2 * mebibyte);
        },
      }),
    );
    expectChanged(error, path);
  });

  it("check() reports a removed file and a file replaced by another", async () => {
    const removed = await newFile(1000);
    const source = await openSource(removed.path);
    await rm(removed.path);
    const error = await rejectionOf(source.check?.() ?? Promise.resolve());
    expectChanged(error, removed.path);
    expect((error as Error).message).toContain("removed");

    const replaced = await newFile(1000);
    const original = await openSource(replaced.path);
    // An editor's save: the same bytes written to a new file renamed over the old one.
    const copy = `${replaced.path}.tmp`;
    await writeFile(copy, replaced.bytes);
    await rename(copy, replaced.path);
    const replacedError = await rejectionOf(original.check?.() ?? Promise.resolve());
    expectChanged(replacedError, replaced.path);
    expect((replacedError as Error).message).toContain("replaced");
  });

  it("fails a node:http upload promptly when the file is truncated mid-body", async () => {
    const { path } = await newFile(16 * mebibyte);
    const blob = await openFileBlob(path);
    let serverReceived = 0;
    const server = createServer((incoming, reply) => {
      incoming.on("data", (chunk: Buffer) => {
        serverReceived += chunk.byteLength;
        // A slow receiver, so the file is cut while its body is still flowing.
        incoming.pause();
        setTimeout(() => incoming.resume(), 2);
      });
      incoming.on("end", () => reply.end("complete"));
      incoming.on("error", () => {});
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { port } = server.address() as AddressInfo;
      const outgoing = httpRequest(`http://127.0.0.1:${port}/`, {
        method: "PUT",
        headers: { "content-length": String(blob.size) },
      });
      outgoing.on("error", () => {});
      const body = blob.nodeStream();
      let sent = 0;
      body.on("data", (chunk: Buffer) => {
        sent += chunk.byteLength;
        if (sent === 2 * mebibyte) truncateSync(path, 3 * mebibyte);
      });
      const started = Date.now();
      const error = await rejectionOf(pipeline(body, outgoing));
      expectChanged(error, path);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(serverReceived).toBeLessThan(blob.size);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("opens a path as a FileBlob in Node and Bun alike", async () => {
    const { path } = await newFile(10);
    const source = await openSource(path);
    expect(source.blob).toBeInstanceOf(FileBlob);
    expect(source.blob.size).toBe(10);
  });

  it("fails a streamed fetch upload promptly when the file is truncated mid-body", async () => {
    // What core's fetch attempt does in Bun (and with a client's own fetch in Node):
    // the blob's stream() with its Content-Length.
    const { path } = await newFile(16 * mebibyte);
    const source = await openSource(path);
    const server = createServer((incoming, reply) => {
      incoming.on("data", () => {
        incoming.pause();
        setTimeout(() => incoming.resume(), 2);
      });
      incoming.on("end", () => reply.end("complete"));
      incoming.on("error", () => {});
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { port } = server.address() as AddressInfo;
      const reader = source.blob.stream().getReader();
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          sent += value.byteLength;
          if (sent === 2 * mebibyte) truncateSync(path, 3 * mebibyte);
          controller.enqueue(value);
        },
      });
      const started = Date.now();
      const error = await rejectionOf(
        fetch(`http://127.0.0.1:${port}/`, {
          method: "PUT",
          body,
          headers: { "content-length": String(source.size) },
          duplex: "half",
        } as RequestInit),
      );
      expect(Date.now() - started).toBeLessThan(10_000);
      const cause = (error as { cause?: unknown }).cause ?? error;
      expectChanged(cause, path);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("fails a fetch upload of a FileBlob whose file shrank", async () => {
    const { path } = await newFile(4 * mebibyte);
    const blob = await openFileBlob(path);
    const server = createServer((incoming, reply) => {
      incoming.resume();
      incoming.on("end", () => reply.end("complete"));
      incoming.on("error", () => {});
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { port } = server.address() as AddressInfo;
      await truncate(path, mebibyte);
      const error = await rejectionOf(
        fetch(`http://127.0.0.1:${port}/`, {
          method: "PUT",
          body: blob.stream(),
          headers: { "content-length": String(blob.size) },
          duplex: "half",
        } as RequestInit),
      );
      const cause = (error as { cause?: unknown }).cause ?? error;
      expect(FileError.isInstance(cause) && cause.code).toBe("changed");
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
