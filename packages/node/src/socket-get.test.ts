import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import net, { type AddressInfo, createServer as createNetServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import tls from "node:tls";
import { promisify } from "node:util";
import { socketGet } from "@luml/core/internal";
import { describe, expect, it } from "vitest";
import { replyBuffers } from "./reply-buffers";

/** How @luml/node reads downloads: Node's own sockets, its reused reply buffers. */
const options = { net, tls, takeBuffer: () => replyBuffers.take() };

const run = promisify(execFile);
const body = Buffer.alloc(3 * 1024 * 1024 + 12344);
for (let index = 0; index < body.length; index += 4) body.writeUInt32LE(index, index);

/** A server that answers every connection with `reply(socket)`, bytes as given. */
async function rawServer(reply: (socket: Socket) => void): Promise<{ url: string; close(): void }> {
  const server = createNetServer((socket) => {
    socket.once("data", () => reply(socket));
    socket.on("error", () => {});
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/object?sig=1`, close: () => server.close() };
}

async function get(url: string, headers: Record<string, string> = {}, signal?: AbortSignal) {
  const reply = await socketGet(
    { method: "GET", url, headers, signal: signal ?? new AbortController().signal },
    options,
  );
  const chunks: Uint8Array[] = [];
  const reader = (reply.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value.slice());
  }
  return { status: reply.status, headers: reply.headers, bytes: Buffer.concat(chunks) };
}

describe("socketGet", () => {
  it("reads a Content-Length body in 1 MiB chunks, with the request's headers sent", async () => {
    let seen: Record<string, string | string[] | undefined> = {};
    const server = createHttpServer((request, response) => {
      seen = { url: request.url, ...request.headers };
      response.writeHead(200, { "content-length": body.length, "x-kind": "model" });
      response.end(body);
    }).listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    const reply = await socketGet(
      {
        method: "GET",
        url: `http://127.0.0.1:${port}/a%20b?x=1&y=2`,
        headers: { range: "bytes=0-" },
        signal: new AbortController().signal,
      },
      options,
    );
    const sizes: number[] = [];
    const hash = createHash("sha256");
    for await (const chunk of reply.body as unknown as AsyncIterable<Uint8Array>) {
      sizes.push(chunk.byteLength);
      hash.update(chunk);
    }
    server.close();
    expect(reply.status).toBe(200);
    expect(reply.headers.get("x-kind")).toBe("model");
    expect(seen).toMatchObject({
      url: "/a%20b?x=1&y=2",
      range: "bytes=0-",
      host: `127.0.0.1:${port}`,
    });
    expect(hash.digest("hex")).toBe(createHash("sha256").update(body).digest("hex"));
    expect(sizes.slice(0, 3)).toEqual([1024 * 1024, 1024 * 1024, 1024 * 1024]);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(body.length);
  });

  it("decodes a chunked body, with extensions, trailers and an interim 100 reply", async () => {
    const server = await rawServer((socket) => {
      const pieces = [
        "HTTP/1.1 100 Continue\r\n\r\n",
        "HTTP/1.1 206 Partial Content\r\nTransfer-Encoding: chunked\r\n\r\n",
      ];
      socket.write(pieces.join(""));
      // Uneven chunk sizes, each written separately so reads split them anywhere.
      for (let offset = 0, size = 1; offset < body.length; size = (size * 7 + 3) % 300_000) {
        const piece = body.subarray(offset, offset + size + 1);
        socket.write(`${piece.length.toString(16)};ext=1\r\n`);
        socket.write(piece);
        socket.write("\r\n");
        offset += piece.length;
      }
      socket.end("0\r\nx-trailer: 1\r\n\r\n");
    });
    const { status, bytes } = await get(server.url);
    server.close();
    expect(status).toBe(206);
    expect(bytes.equals(body)).toBe(true);
  });

  it("reads a body framed by the end of the connection", async () => {
    const server = await rawServer((socket) => {
      socket.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
      socket.end(body);
    });
    const { bytes } = await get(server.url);
    server.close();
    expect(bytes.equals(body)).toBe(true);
  });

  it("ignores bytes sent after Content-Length", async () => {
    const server = await rawServer((socket) => {
      socket.end(
        Buffer.concat([Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"), body]),
      );
    });
    const { bytes } = await get(server.url);
    server.close();
    expect(bytes.equals(body.subarray(0, 5))).toBe(true);
  });

  it("errors the body, never ends it, when the connection is cut before Content-Length", async () => {
    const server = await rawServer((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`);
      socket.end(body.subarray(0, 100_000));
    });
    await expect(get(server.url)).rejects.toThrow(/cut off before its end/);
    server.close();
  });

  it("errors the body when a chunked reply is cut before its last chunk", async () => {
    const server = await rawServer((socket) => {
      socket.end("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n");
    });
    await expect(get(server.url)).rejects.toThrow(/cut off before its end/);
    server.close();
  });

  it("rejects a malformed reply and a reply head without end", async () => {
    const garbage = await rawServer((socket) => socket.end("SSH-2.0-OpenSSH\r\n\r\n"));
    await expect(get(garbage.url)).rejects.toThrow(/malformed reply: status line/);
    garbage.close();
    const endless = await rawServer((socket) => {
      socket.write("HTTP/1.1 200 OK\r\n");
      socket.end(`x-padding: ${"a".repeat(70_000)}\r\n`);
    });
    await expect(get(endless.url)).rejects.toThrow(/head is too large/);
    endless.close();
    const badChunk = await rawServer((socket) => {
      socket.end("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    });
    await expect(get(badChunk.url)).rejects.toThrow(/chunk size/);
    badChunk.close();
    for (const line of ["no colon here", "bad name: x", ": no name", "x-nul: a\0b"]) {
      const badHeader = await rawServer((socket) => {
        socket.end(`HTTP/1.1 200 OK\r\n${line}\r\ncontent-length: 0\r\n\r\n`);
      });
      await expect(get(badHeader.url)).rejects.toThrow(/malformed reply: header line/);
      badHeader.close();
    }
  });

  it("reads header names in any case and joins a repeated header's values", async () => {
    const server = await rawServer((socket) => {
      socket.end("HTTP/1.1 200 OK\r\nX-Kind: model\r\nx-kind: v2\r\nContent-Length: 2\r\n\r\nok");
    });
    const reply = await get(server.url);
    server.close();
    expect(reply.headers.get("X-KIND")).toBe("model, v2");
    expect(reply.headers.get("content-length")).toBe("2");
    expect(reply.headers.get("etag")).toBeNull();
    expect([...reply.headers]).toEqual([
      ["x-kind", "model, v2"],
      ["content-length", "2"],
    ]);
    expect(reply.bytes.toString()).toBe("ok");
  });

  it("rejects with the socket's own error when nothing listens, and on a hang-up before the head", async () => {
    const server = await rawServer((socket) => socket.destroy());
    await expect(get(server.url)).rejects.toMatchObject({ code: "ECONNRESET" });
    server.close();
    const error = await get("http://127.0.0.1:1/").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "ECONNREFUSED" });
  });

  it("refuses header values that would split the request", async () => {
    await expect(get("http://127.0.0.1:1/", { range: "bytes=0-\r\nx: y" })).rejects.toThrow(
      /Invalid header/,
    );
  });

  it("stops at once when the signal aborts mid-body, with the signal's reason", async () => {
    const server = await rawServer((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`);
      socket.write(body.subarray(0, 1000));
    });
    const controller = new AbortController();
    const reply = await socketGet(
      { method: "GET", url: server.url, headers: {}, signal: controller.signal },
      options,
    );
    const reader = (reply.body as ReadableStream<Uint8Array>).getReader();
    const reading = reader.read();
    controller.abort(new Error("stop"));
    await expect(reading).rejects.toThrow("stop");
    server.close();
  });
});

describe("socketGet over TLS", () => {
  it("downloads over https from a server whose certificate the process trusts", async () => {
    const folder = process.env.LUML_TEST_TLS_FOLDER as string;
    const server = createHttpsServer(
      {
        key: await readFile(join(folder, "key.pem")),
        cert: await readFile(join(folder, "cert.pem")),
      },
      (_request, response) => {
        response.writeHead(200, { "content-length": body.length });
        response.end(body);
      },
    ).listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    const { status, bytes } = await get(`https://localhost:${port}/object`);
    // The certificate names localhost, not the address: SNI and the check use the host name.
    const byAddress = await get(`https://127.0.0.1:${port}/object`).catch(
      (caught: unknown) => caught,
    );
    server.close();
    expect(status).toBe(200);
    expect(bytes.equals(body)).toBe(true);
    expect(byAddress).toMatchObject({ code: "ERR_TLS_CERT_ALTNAME_INVALID" });
  });

  it("refuses a server whose certificate nobody vouches for", async () => {
    const folder = await mkdtemp(join(tmpdir(), "luml-untrusted-"));
    await run("openssl", [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"],
      ...["-keyout", join(folder, "key.pem"), "-out", join(folder, "cert.pem")],
      ...["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
    ]);
    const server = createHttpsServer(
      {
        key: await readFile(join(folder, "key.pem")),
        cert: await readFile(join(folder, "cert.pem")),
      },
      (_request, response) => response.end("never read"),
    ).listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    const error = await get(`https://localhost:${port}/object`).catch((caught: unknown) => caught);
    server.close();
    await rm(folder, { recursive: true, force: true });
    expect(error).toMatchObject({ code: "DEPTH_ZERO_SELF_SIGNED_CERT" });
  });
});
