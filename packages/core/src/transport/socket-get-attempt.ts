import type { HttpAttemptReply, HttpAttemptRequest } from "./http-attempt";
import { type ReplyFraming, replyFraming } from "./reply-framing";
import { parseReplyHead } from "./reply-head";

/** A reply head larger than this is refused. */
const maxHeadSize = 64 * 1024;

/** What `socketGet` reads into: the free part of the chunk being filled. */
export interface SocketOnRead {
  /** Called before each read: where its bytes go. */
  buffer: () => Uint8Array;
  /** Called with the number of bytes read; `false` pauses the socket. */
  callback: (bytes: number) => boolean;
}

/** The part of a `node:net`/`node:tls` socket that `socketGet` uses. */
export interface SocketLike {
  write(data: string): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  once(event: "end" | "close", listener: () => void): unknown;
  pause(): unknown;
  resume(): unknown;
  destroy(): unknown;
}

/** The runtime's `node:net` and `node:tls` modules, as far as `socketGet` uses them. */
export interface SocketModules {
  net: { connect(options: { host: string; port: number; onread: SocketOnRead }): SocketLike };
  tls: {
    connect(options: {
      host: string;
      port: number;
      onread: SocketOnRead;
      ALPNProtocols: string[];
      servername?: string;
    }): SocketLike;
  };
}

/** Options of {@link socketGet}. */
export interface SocketGetOptions extends SocketModules {
  /** Memory for the next body chunk (1 MiB): a runtime may hand back used ones. */
  takeBuffer?: () => Uint8Array;
}

/**
 * The size of the chunks a storage reply's body is handed on in, by `socketGet`
 * and by the `node:http` path alike: each is one write to disk and one hash update.
 */
export const bodyChunkSize = 1024 * 1024;

/**
 * A storage GET (a download) on a bare `node:net`/`node:tls` connection that the
 * kernel reads straight into the 1 MiB chunks the body is handed on in (`onread`),
 * which `takeBuffer` supplies. `node:http` allocates a fresh buffer for every
 * 64 KiB read and wraps each piece in a stream event, which costs a download more
 * CPU than receiving and writing the bytes, and the garbage held until a GC is most
 * of its peak memory. Here each byte is copied once, by the kernel, and nothing is
 * allocated per read. The modules are passed in, so core imports nothing from a
 * runtime.
 *
 * It speaks the HTTP/1.1 a presigned GET needs: one request per connection
 * (`Connection: close`), a body framed by `Content-Length`, chunked, or the end
 * of the connection. It keeps the attempt's promises: it rejects with the
 * socket's own error (`ECONNREFUSED`, …) before the headers, and after them the
 * body errors, never ends, when the connection breaks before the body's end or the
 * signal aborts.
 */
export function socketGet(
  request: HttpAttemptRequest,
  options: SocketGetOptions,
): Promise<HttpAttemptReply> {
  const { signal } = request;
  signal.throwIfAborted();
  const url = new URL(request.url);
  const head = requestHead(url, request.headers);
  const takeBuffer = options.takeBuffer ?? (() => new Uint8Array(bodyChunkSize));
  return new Promise<HttpAttemptReply>((resolve, reject) => {
    const reply = new ReplyReader(takeBuffer, resolve, reject, request.onReplyProgress);
    const socket = connect(url, reply, options);
    reply.socket = socket;
    const onAbort = () => reply.fail(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    socket.once("close", () => signal.removeEventListener("abort", onAbort));
    socket.on("error", (error) => reply.fail(signal.aborted ? signal.reason : error));
    socket.once("end", () => reply.ended());
    socket.once("close", () => reply.closed());
    socket.write(head);
  });
}

/** Opens the connection; every read lands in the reply's current chunk. */
function connect(url: URL, reply: ReplyReader, modules: SocketModules): SocketLike {
  const secure = url.protocol === "https:";
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = Number(url.port) || (secure ? 443 : 80);
  const onread: SocketOnRead = {
    buffer: () => reply.space(),
    // `false` pauses the socket: the consumer has a chunk waiting.
    callback: (bytes) => reply.received(bytes),
  };
  if (!secure) return modules.net.connect({ host, port, onread });
  return modules.tls.connect({
    host,
    port,
    onread,
    ALPNProtocols: ["http/1.1"],
    // SNI names a host, never an address.
    ...(isAddress(host) ? {} : { servername: host }),
  });
}

/** Whether `host` is an IPv4 or IPv6 address rather than a name. */
function isAddress(host: string): boolean {
  return host.includes(":") || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

/** The request's bytes: a GET with the attempt's headers, on a connection of its own. */
function requestHead(url: URL, headers: Record<string, string>): string {
  let head = `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    if (/[\r\n:]/.test(name) || /[\r\n]/.test(value)) {
      throw new TypeError(`Invalid header ${JSON.stringify(name)} in a storage request`);
    }
    head += `${name}: ${value}\r\n`;
  }
  return `${head}Connection: close\r\n\r\n`;
}

/** Reads one reply: its head, then its body into chunks handed on as they fill. */
class ReplyReader {
  socket: SocketLike | undefined;
  private chunk: Uint8Array;
  private filled = 0;
  private framing: ReplyFraming | undefined;
  private body: ReadableStreamDefaultController<Uint8Array> | undefined;
  private finished = false;

  constructor(
    private readonly takeBuffer: () => Uint8Array,
    private readonly resolve: (reply: HttpAttemptReply) => void,
    private readonly reject: (error: unknown) => void,
    private readonly onReplyProgress: (() => void) | undefined,
  ) {
    this.chunk = takeBuffer();
  }

  /** Where the next read goes: the free end of the current chunk. */
  space(): Uint8Array {
    if (this.filled === this.chunk.byteLength) {
      this.chunk = this.takeBuffer();
      this.filled = 0;
    }
    return this.chunk.subarray(this.filled);
  }

  /** `bytes` arrived after `filled`. Returns `false` to pause the socket. */
  received(bytes: number): boolean {
    if (this.finished) return false;
    try {
      if (!this.framing) return this.readHead(bytes);
      return this.readBody(this.filled, bytes);
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  private readHead(bytes: number): boolean {
    const end = this.filled + bytes;
    const from = Math.max(0, this.filled - 3);
    this.filled = end;
    const headEnd = indexOfBlankLine(this.chunk, from, end);
    if (headEnd < 0) {
      if (end > maxHeadSize) throw replyError("The storage reply's head is too large");
      return true;
    }
    const parsed = parseReplyHead(this.chunk.subarray(0, headEnd));
    // The body bytes that came with the head move to the chunk's start.
    const rest = end - (headEnd + 4);
    this.chunk.copyWithin(0, headEnd + 4, end);
    this.filled = 0;
    // An interim reply (100 Continue) is followed by the real one.
    if (parsed.status < 200) return rest > 0 ? this.readHead(rest) : true;
    this.framing = replyFraming(parsed.headers);
    const socket = this.socket as SocketLike;
    this.resolve({
      status: parsed.status,
      headers: parsed.headers,
      body: new ReadableStream<Uint8Array>(
        {
          start: (controller) => {
            this.body = controller;
          },
          pull: () => {
            if (!this.finished) socket.resume();
          },
          cancel: () => {
            this.finished = true;
            socket.destroy();
          },
        },
        { highWaterMark: 1 },
      ),
    });
    if (this.framing.done()) {
      this.finish();
      return false;
    }
    return rest > 0 ? this.readBody(0, rest) : true;
  }

  /** Frames `bytes` of body arriving at `start`; hands on each full chunk. */
  private readBody(start: number, bytes: number): boolean {
    // A chunk may take longer to fill than the idle timeout on a slow link.
    this.onReplyProgress?.();
    const framing = this.framing as ReplyFraming;
    this.filled = start + framing.take(this.chunk, start, bytes);
    if (framing.done()) {
      this.finish();
      return false;
    }
    if (this.filled < this.chunk.byteLength) return true;
    const body = this.body as ReadableStreamDefaultController<Uint8Array>;
    body.enqueue(this.chunk);
    this.chunk = this.takeBuffer();
    this.filled = 0;
    return (body.desiredSize ?? 0) > 0;
  }

  /** The body is complete: hand on the last chunk, end the stream, close the connection. */
  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    const body = this.body as ReadableStreamDefaultController<Uint8Array>;
    if (this.filled > 0) body.enqueue(this.chunk.subarray(0, this.filled));
    body.close();
    this.socket?.destroy();
  }

  /** The server ended the connection: the end of a body framed by it, else a cut. */
  ended(): void {
    if (this.framing?.endsWithConnection()) this.finish();
  }

  /** The connection is gone: anything not finished was cut off. */
  closed(): void {
    this.fail(
      this.framing
        ? replyError("The reply was cut off before its end")
        : Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
    );
  }

  /** Fails the request (before the head) or the body (after it), once. */
  fail(error: unknown): void {
    if (this.finished) return;
    this.finished = true;
    this.socket?.destroy();
    if (this.body) this.body.error(error);
    else this.reject(error);
  }
}

/** Where `\r\n\r\n` starts in `bytes[from, end)`, or -1. */
function indexOfBlankLine(bytes: Uint8Array, from: number, end: number): number {
  for (let index = from; index + 3 < end; index++) {
    if (
      bytes[index] === 13 &&
      bytes[index + 1] === 10 &&
      bytes[index + 2] === 13 &&
      bytes[index + 3] === 10
    ) {
      return index;
    }
  }
  return -1;
}

function replyError(message: string): Error {
  return Object.assign(new Error(message), { code: "ECONNRESET" });
}
