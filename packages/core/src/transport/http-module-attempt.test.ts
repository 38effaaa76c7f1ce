/// <reference types="node" />
import { createHash } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import net, { type AddressInfo } from "node:net";
import tls from "node:tls";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { APIConnectionError, APIStatusError, APITimeoutError, FileError } from "../errors";
import type { HttpAttempt } from "./http-attempt";
import { createHttpModuleAttempt } from "./http-module-attempt";
import { runAttempt } from "./run-attempt";

const mebibyte = 1024 * 1024;
const servers: http.Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A storage endpoint on an ephemeral port; returns its URL. */
async function serve(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}/bucket/object?sig=secret`;
}

/** What a PUT brought: its length headers and the hash of its bytes. */
interface Received {
  contentLength?: string;
  transferEncoding?: string;
  bytes: number;
  sha: string;
}

function recordingServer(
  received: Received[],
  options: { startAfter?: number } = {},
): Promise<string> {
  return serve((request, response) => {
    if (options.startAfter) {
      request.pause();
      setTimeout(() => request.resume(), options.startAfter);
    }
    const hash = createHash("sha256");
    let bytes = 0;
    request.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.byteLength;
    });
    request.on("end", () => {
      received.push({
        contentLength: request.headers["content-length"],
        transferEncoding: request.headers["transfer-encoding"],
        bytes,
        sha: hash.digest("hex"),
      });
      response.writeHead(201, { etag: '"part"' }).end("");
    });
  });
}

function randomBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += 65536) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(size, offset + 65536)));
  }
  return bytes;
}

/** Every chunk of a web stream, in order. */
async function readChunks(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
/** One request through the node:http attempt under core's runner, as the client sends it. */
interface TestRequest {
  method: string;
  url: string;
  body?: Blob | Uint8Array | string;
  onUploadProgress?: (loaded: number) => void;
  responseType?: "text" | "stream";
  timeout?: number;
  idleTimeout?: number;
  signal?: AbortSignal;
}

function sendWith(httpAttempt: HttpAttempt, request: TestRequest) {
  const { timeout, idleTimeout, responseType, signal, ...rest } = request;
  return runAttempt(
    httpAttempt,
    { ...rest, headers: {} },
    {
      signal,
      timeout: timeout ?? 10_000,
      idleTimeout: idleTimeout ?? 10_000,
      responseType: responseType ?? "text",
    },
  );
}

const httpModuleAttempt = createHttpModuleAttempt({ http, https });
const attempt = (request: TestRequest) => sendWith(httpModuleAttempt, request);

describe("createHttpModuleAttempt under core's runner", () => {
  it("sends a Blob body with its Content-Length, un-chunked, with byte-level progress", async () => {
    const received: Received[] = [];
    const url = await recordingServer(received);
    const bytes = randomBytes(3 * mebibyte + 7);
    const progress: number[] = [];
    const response = await attempt({
      method: "PUT",
      url,
      body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
      onUploadProgress: (loaded) => progress.push(loaded),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("etag")).toBe('"part"');
    expect(received).toEqual([
      {
        contentLength: String(bytes.byteLength),
        transferEncoding: undefined,
        bytes: bytes.byteLength,
        sha: sha256(bytes),
      },
    ]);
    expect(progress.length).toBeGreaterThanOrEqual(48);
    expect(progress.every((loaded, index) => index === 0 || loaded > (progress[index - 1] ?? 0)));
    expect(progress.at(-1)).toBe(bytes.byteLength);
  });

  it("reads a Blob body through the runtime's own reader when it gives one", async () => {
    const received: Received[] = [];
    const url = await recordingServer(received);
    const bytes = randomBytes(2 * mebibyte);
    const progress: number[] = [];
    const ownAttempt = createHttpModuleAttempt({
      http,
      https,
      agents: { http: new http.Agent({ keepAlive: true }) },
      readBody: async function* (body) {
        // Two halves, as a runtime's file reader would hand them over.
        yield new Uint8Array(await body.slice(0, mebibyte).arrayBuffer());
        yield new Uint8Array(await body.slice(mebibyte).arrayBuffer());
      },
    });
    await sendWith(ownAttempt, {
      method: "PUT",
      url,
      body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
      onUploadProgress: (loaded) => progress.push(loaded),
    });
    expect(received[0]?.sha).toBe(sha256(bytes));
    expect(received[0]?.contentLength).toBe(String(bytes.byteLength));
    // One report per chunk written (the reply repeats the total; the retry loop drops repeats).
    expect([...new Set(progress)]).toEqual([mebibyte, 2 * mebibyte]);
  });

  it("hands each chunk back to a reader that reuses its buffers only once it was written", async () => {
    const received: Received[] = [];
    const url = await recordingServer(received, { startAfter: 200 });
    const bytes = randomBytes(8 * mebibyte + 3);
    // Chunks smaller than the request's buffer, which it takes before the socket
    // has written them, and a server that starts reading late, so the socket's
    // buffers fill up. Two buffers, each refilled as soon as it comes back: a chunk
    // handed back before the socket took its bytes would reach the server overwritten.
    const step = 4 * 1024;
    const free: Uint8Array[] = [new Uint8Array(step), new Uint8Array(step)];
    const waiting: (() => void)[] = [];
    let released = 0;
    const reader = {
      release(chunk: Uint8Array) {
        released += 1;
        free.push(new Uint8Array(chunk.buffer, 0, step));
        waiting.shift()?.();
      },
      async *[Symbol.asyncIterator]() {
        for (let offset = 0; offset < bytes.byteLength; offset += step) {
          while (free.length === 0) await new Promise<void>((resolve) => waiting.push(resolve));
          const buffer = free.shift() as Uint8Array;
          const piece = bytes.subarray(offset, offset + step);
          buffer.set(piece);
          yield buffer.subarray(0, piece.byteLength);
        }
      },
    };
    const reusing = createHttpModuleAttempt({
      http,
      https,
      agents: { http: new http.Agent({ keepAlive: true }) },
      readBody: () => reader,
    });
    const response = await sendWith(reusing, {
      method: "PUT",
      url,
      body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
    });
    expect(response.status).toBe(201);
    expect(received[0]?.sha).toBe(sha256(bytes));
    expect(released).toBe(Math.ceil(bytes.byteLength / step));
  });

  it("streams a reply in chunks of about 1 MiB with every byte in order", async () => {
    const bytes = randomBytes(3 * mebibyte + 5);
    const url = await serve((_request, response) => {
      response.writeHead(200, { "content-length": String(bytes.byteLength) });
      // Small writes, as the network hands them over.
      for (let offset = 0; offset < bytes.byteLength; offset += 16 * 1024) {
        response.write(bytes.subarray(offset, offset + 16 * 1024));
      }
      response.end();
    });
    const response = await attempt({ method: "GET", url, responseType: "stream" });
    const chunks = await readChunks(response.body as ReadableStream<Uint8Array>);
    const sizes = chunks.map((chunk) => chunk.byteLength);
    expect(sizes.slice(0, -1).every((size) => size >= mebibyte)).toBe(true);
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(bytes));
  });

  it("gives a small reply memory of its own size, with or without Content-Length", async () => {
    const json = new TextEncoder().encode('{"id":"a1"}');
    for (const headers of [{ "content-length": String(json.byteLength) }, {}]) {
      const url = await serve((_request, response) => {
        response.writeHead(200, headers);
        response.end(json);
      });
      const response = await attempt({ method: "GET", url, responseType: "stream" });
      const chunks = await readChunks(response.body as ReadableStream<Uint8Array>);
      expect(chunks.map((chunk) => chunk.buffer.byteLength)).toEqual([json.byteLength]);
      expect(new TextDecoder().decode(chunks[0])).toBe('{"id":"a1"}');
    }
  });

  it("fails a stream whose connection drops before the end", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { "content-length": String(4 * mebibyte) });
      response.write(new Uint8Array(64 * 1024), () => response.socket?.destroy());
    });
    const response = await attempt({ method: "GET", url, responseType: "stream" });
    await expect(readChunks(response.body as ReadableStream<Uint8Array>)).rejects.toThrow();
  });

  it("maps a non-2xx reply to core's status error without the URL's signature", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(403, { "content-type": "application/xml" }).end("<Code>Denied</Code>");
    });
    const error = await attempt({ method: "GET", url }).catch((caught: unknown) => caught);
    expect(APIStatusError.isInstance(error)).toBe(true);
    expect((error as APIStatusError).status).toBe(403);
    expect((error as Error).message).not.toContain("secret");
  });

  it("times out while waiting for the reply headers", async () => {
    const url = await serve(() => {
      // Never replies.
    });
    const error = await attempt({ method: "GET", url, timeout: 100 }).catch((caught) => caught);
    expect(APITimeoutError.isInstance(error)).toBe(true);
  });

  it("times out a reply that stalls after its headers, with the idle timeout", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { "content-length": "1000" });
      response.write(new Uint8Array(10));
      // …and nothing more.
    });
    const started = Date.now();
    const response = await attempt({
      method: "GET",
      url,
      responseType: "stream",
      idleTimeout: 200,
    });
    const error = await readChunks(response.body as ReadableStream<Uint8Array>).catch(
      (caught: unknown) => caught,
    );
    expect(APITimeoutError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/no bytes received for 200 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
    // A text reply that stalls the same way fails the same way.
    const textError = await attempt({ method: "GET", url, idleTimeout: 200 }).catch(
      (caught: unknown) => caught,
    );
    expect(APITimeoutError.isInstance(textError)).toBe(true);
  });

  it("keeps a slow reply alive while its bytes keep coming, though a chunk takes longer than the idle timeout", async () => {
    // 256 KiB at 128 KiB/s: each 1 MiB chunk (or the reply's one chunk) takes about
    // 2 s to fill, far past the 300 ms idle timeout, yet no gap reaches 300 ms.
    const size = 256 * 1024;
    const piece = 8 * 1024;
    const bytes = randomBytes(size);
    const url = await serve((_request, response) => {
      response.writeHead(200, { "content-length": String(size) });
      let sent = 0;
      const timer = setInterval(() => {
        response.write(bytes.subarray(sent, sent + piece));
        sent += piece;
        if (sent >= size) {
          clearInterval(timer);
          response.end();
        }
      }, 62);
      response.on("close", () => clearInterval(timer));
    });
    const paths: Array<[string, HttpAttempt]> = [
      ["node:http", httpModuleAttempt],
      ["sockets", createHttpModuleAttempt({ http, https, sockets: { net, tls } })],
    ];
    for (const [path, httpAttempt] of paths) {
      const response = await sendWith(httpAttempt, {
        method: "GET",
        url,
        responseType: "stream",
        idleTimeout: 300,
      });
      const chunks = await readChunks(response.body as ReadableStream<Uint8Array>);
      expect(sha256(Buffer.concat(chunks)), path).toBe(sha256(bytes));
    }
    // An API reply (read as text) is read under the same clock.
    const text = await sendWith(httpModuleAttempt, { method: "GET", url, idleTimeout: 300 });
    expect(text.text?.length).toBeGreaterThan(0);
  });

  it("times out a request body the server stops reading, with the idle timeout", async () => {
    // A bare TCP server that accepts and reads nothing: the upload stalls once the
    // socket buffers are full (an HTTP server would keep reading into memory).
    const stalled = net.createServer((socket) => socket.pause());
    await new Promise<void>((resolve) => stalled.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(stalled.address() as AddressInfo).port}/bucket/object`;
    onTestFinished(() => {
      stalled.close();
    });
    const error = await attempt({
      method: "PUT",
      url,
      body: new Blob([new Uint8Array(64 * mebibyte)]),
      onUploadProgress: () => {},
      idleTimeout: 300,
    }).catch((caught: unknown) => caught);
    expect(APITimeoutError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/request body stalled/);
  });

  it("fails at once, with a FileError, when a body ends short of its length", async () => {
    const received: Received[] = [];
    const url = await recordingServer(received);
    // A body that claims 2 MiB and yields 1 MiB: a file truncated while it was read.
    const shortAttempt = createHttpModuleAttempt({
      http,
      https,
      readBody: async function* () {
        yield new Uint8Array(mebibyte);
      },
    });
    const error = await sendWith(shortAttempt, {
      method: "PUT",
      url,
      body: new Blob([new Uint8Array(2 * mebibyte)]),
      timeout: 60_000,
    }).catch((caught: unknown) => caught);
    expect(FileError.isInstance(error)).toBe(true);
    expect((error as FileError).code).toBe("changed");
    expect(received).toEqual([]);
  });

  it("rejects with the signal's reason on abort, and a refused connection is a connection error", async () => {
    const url = await serve(() => {
      // Never replies.
    });
    const controller = new AbortController();
    const reason = new Error("stopped");
    const pending = attempt({ method: "GET", url, signal: controller.signal });
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);

    const refused = await attempt({ method: "GET", url: "http://127.0.0.1:9/nothing" }).catch(
      (caught: unknown) => caught,
    );
    expect(APIConnectionError.isInstance(refused)).toBe(true);
  });
});
