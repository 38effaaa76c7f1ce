/// <reference types="node" />
import { createHash } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { APIConnectionError } from "../errors/api-connection-error";
import { APIStatusError } from "../errors/api-status-error";
import { APITimeoutError } from "../errors/api-timeout-error";
import { createHttpModuleStorageAttempt } from "./http-module-attempt";

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

function recordingServer(received: Received[]): Promise<string> {
  return serve((request, response) => {
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
const attempt = createHttpModuleStorageAttempt({ http, https });

describe("createHttpModuleStorageAttempt", () => {
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
    const ownAttempt = createHttpModuleStorageAttempt({
      http,
      https,
      agents: { http: new http.Agent({ keepAlive: true }) },
      readBody: async function* (body) {
        // Two halves, as a runtime's file reader would hand them over.
        yield new Uint8Array(await body.slice(0, mebibyte).arrayBuffer());
        yield new Uint8Array(await body.slice(mebibyte).arrayBuffer());
      },
    });
    await ownAttempt({
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
