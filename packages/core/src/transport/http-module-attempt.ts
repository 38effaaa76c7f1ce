import { FileError } from "../errors";
import type { HttpAttempt, HttpAttemptReply, HttpAttemptRequest } from "./http-attempt";
import { headersFromRecord } from "./reply-body";
import { bodyChunkSize, type SocketModules, socketGet } from "./socket-get-attempt";
import { bodyLength, countingStream } from "./upload-body";

/** What the attempt uses of a `node:http` reply (`IncomingMessage`). */
export interface HttpModuleReply extends AsyncIterable<Uint8Array | string> {
  /** The reply's status code. */
  readonly statusCode?: number;
  /** The reply headers: lower-case names, repeated values as arrays. */
  readonly headers: Record<string, string | string[] | undefined>;
  /** Listens for body pieces. */
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  /** Listens once for the body's end, or for the reply being closed. */
  once(event: "end" | "close", listener: () => void): unknown;
  /** Listens once for a failed read of the body. */
  once(event: "error", listener: (error: Error) => void): unknown;
  /** Stops `data` events until {@link HttpModuleReply.resume}. */
  pause(): unknown;
  /** Starts `data` events again. */
  resume(): unknown;
  /** Drops the reply and its connection. */
  destroy(error?: Error): unknown;
}

/** What the attempt uses of a `node:http` request (`ClientRequest`). */
export interface HttpModuleRequest {
  /** Whether the request was destroyed (failed, aborted or closed). */
  readonly destroyed: boolean;
  /** Listens for a socket error. */
  on(event: "error", listener: (error: Error) => void): unknown;
  /** Listens for the reply headers. */
  on(event: "response", listener: (reply: HttpModuleReply) => void): unknown;
  /** Listens once for room to write again, or for the request being closed. */
  once(event: "drain" | "close", listener: () => void): unknown;
  /** Stops listening for room to write, or for the request being closed. */
  off(event: "drain" | "close", listener: () => void): unknown;
  /**
   * Writes body bytes; `false` asks to wait for `drain`. `callback` runs once the
   * chunk has left for the socket (or failed to), after which its memory may be reused.
   */
  write(chunk: Uint8Array, callback?: (error?: Error | null) => void): boolean;
  /** Ends the request, with its last (or only) body bytes. */
  end(chunk?: Uint8Array): unknown;
  /** Drops the request and its connection. */
  destroy(): unknown;
}

/**
 * What the attempt uses of the `node:http` or `node:https` module; `Agent` is the
 * runtime's agent class, which core only constructs and passes back.
 */
export interface HttpModule<Agent = never> {
  /** The module's agent class: core makes one keep-alive agent per module. */
  Agent: HttpAgentClass<Agent>;
  /** Starts a request to `url`. */
  request(
    url: URL,
    options: { method: string; headers: Record<string, string>; agent?: Agent },
  ): HttpModuleRequest;
}

/** An agent class as `node:http` has it: `new Agent({ keepAlive: true })`. */
export type HttpAgentClass<Agent> = new (options: {
  /** Keep sockets open between requests. */
  keepAlive: boolean;
}) => Agent;

/** The agent to use for each protocol. */
export interface HttpModuleAgents<Agent> {
  /** For `http:` URLs. */
  http?: Agent;
  /** For `https:` URLs. */
  https?: Agent;
}

/** Options of {@link createHttpModuleAttempt}. */
export interface HttpModuleAttemptOptions<Agent = never> {
  /** The runtime's `node:http` module, for `http:` URLs. */
  http: HttpModule<Agent>;
  /** The runtime's `node:https` module, for `https:` URLs. */
  https: HttpModule<Agent>;
  /**
   * Agents for each protocol. Default: one keep-alive agent per module, so that
   * parts and ranges reuse connections instead of opening one each.
   */
  agents?: HttpModuleAgents<Agent>;
  /**
   * The runtime's own reader of a Blob-like body (a file-backed blob read
   * straight from disk), or `undefined` to read it through `stream()`. Progress
   * then counts each chunk as it is written.
   */
  readBody?: HttpModuleBodyReader;
  /**
   * The runtime's `node:net` and `node:tls`: GETs (downloads) then go through
   * {@link socketGet}, which reads the body straight into 1 MiB chunks, instead of
   * `http`/`https`. Leave out where requests must go through the http modules (a
   * proxy they are configured to use).
   */
  sockets?: SocketModules;
  /** Memory for the next downloaded body chunk, for `sockets` GETs (default: a new buffer). */
  takeReplyBuffer?: () => Uint8Array;
}

/** A runtime's own reader of a Blob-like body, or `undefined` where it has none. */
export type HttpModuleBodyReader = (body: Blob) => HttpModuleBodyChunks | undefined;

/**
 * A body's chunks as a runtime reads them. With `release`, each chunk is handed
 * back once the request has written it (its write callback ran), so the reader can
 * read the next bytes into the same memory instead of allocating a buffer per chunk.
 */
export interface HttpModuleBodyChunks extends AsyncIterable<Uint8Array> {
  /** Takes back a chunk the request no longer needs. */
  release?(chunk: Uint8Array): void;
}

/**
 * One {@link HttpAttempt} on the `node:http`/`node:https` API, which Node, Deno and
 * Bun all implement: the body is sent with its `Content-Length` (never chunked, as
 * presigned object-storage URLs require) and streamed with backpressure, so a
 * file-backed body costs a chunk or two of memory whatever its size; progress counts
 * bytes as they are handed to the socket. A body that ends short of its length (a
 * file truncated while it is read) fails the attempt at once with a `FileError`
 * (`changed`) instead of leaving the server waiting. The reply body arrives in
 * chunks of about 1 MiB. Timeouts, retries and error mapping are core's
 * (`runAttempt`, `withRetries`); the modules are passed in, so core imports nothing
 * from a runtime.
 *
 * @example
 * ```ts
 * import http from "node:http";
 * import https from "node:https";
 *
 * const storageAttempt = createHttpModuleAttempt({ http, https });
 * ```
 *
 * @param options - The runtime's http modules, agents and body reader.
 * @returns An {@link HttpAttempt}: one try, no retries, no clocks.
 */
export function createHttpModuleAttempt<Agent = never>(
  options: HttpModuleAttemptOptions<Agent>,
): HttpAttempt {
  const agents = {
    http: options.agents?.http ?? new options.http.Agent({ keepAlive: true }),
    https: options.agents?.https ?? new options.https.Agent({ keepAlive: true }),
  };
  const { sockets, takeReplyBuffer } = options;
  return (request) =>
    sockets && request.method === "GET" && request.body === undefined
      ? socketGet(request, { ...sockets, takeBuffer: takeReplyBuffer })
      : sendRequest(request, { ...options, agents });
}

/** The attempt's options with both agents chosen. */
type ResolvedOptions<Agent> = HttpModuleAttemptOptions<Agent> & {
  agents: { http: Agent; https: Agent };
};

/** One request: sends the body with backpressure, resolves at the reply's headers. */
function sendRequest<Agent>(
  request: HttpAttemptRequest,
  options: ResolvedOptions<Agent>,
): Promise<HttpAttemptReply> {
  const { signal } = request;
  signal.throwIfAborted();
  const url = new URL(request.url);
  const secure = url.protocol === "https:";
  const headers: Record<string, string> = { ...request.headers };
  const length = request.body === undefined ? undefined : bodyLength(request.body);
  if (length !== undefined) headers["content-length"] = String(length);

  return new Promise<HttpAttemptReply>((resolve, reject) => {
    let settled = false;
    const outgoing = (secure ? options.https : options.http).request(url, {
      method: request.method,
      headers,
      agent: secure ? options.agents.https : options.agents.http,
    });
    const onAbort = () => fail(signal.reason);
    const fail = (error: unknown) => {
      outgoing.destroy();
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      reject(error);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    outgoing.on("error", (cause) => fail(signal.aborted ? signal.reason : cause));
    outgoing.on("response", (reply) => {
      if (settled) {
        reply.destroy();
        return;
      }
      settled = true;
      signal.removeEventListener("abort", onAbort);
      // Once the headers are in, an abort ends the body (the runner reads it).
      const onBodyAbort = () => reply.destroy(signal.reason);
      signal.addEventListener("abort", onBodyAbort, { once: true });
      reply.once("close", () => signal.removeEventListener("abort", onBodyAbort));
      resolve({
        status: reply.statusCode ?? 0,
        headers: headersFromRecord(reply.headers),
        body: coalescedStream(reply, request.onReplyProgress),
      });
    });
    sendBody(outgoing, request, length, options.readBody, fail);
  });
}

/**
 * Writes the request body. A Blob-like body is read step by step and each piece
 * written only once the socket drained the last, so at most a chunk or two is in
 * memory; progress counts the pieces handed over.
 */
async function sendBody(
  outgoing: HttpModuleRequest,
  request: HttpAttemptRequest,
  length: number | undefined,
  readBody: HttpModuleBodyReader | undefined,
  fail: (error: unknown) => void,
): Promise<void> {
  const { body, onUploadProgress } = request;
  if (body === undefined) {
    outgoing.end();
    return;
  }
  if (typeof body === "string" || body instanceof Uint8Array) {
    const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
    outgoing.end(bytes);
    onUploadProgress?.(bytes.byteLength);
    return;
  }
  const own = readBody?.(body);
  const chunks = bodyChunks(body, own, onUploadProgress);
  const iterator = chunks[Symbol.asyncIterator]();
  const release = own?.release?.bind(own);
  let sent = 0;
  try {
    for (;;) {
      const { done, value } = await iterator.next();
      if (done) break;
      if (outgoing.destroyed) return;
      sent += value.byteLength;
      const room = release ? outgoing.write(value, () => release(value)) : outgoing.write(value);
      if (!room) await drained(outgoing);
    }
    if (sent !== length) {
      // The server would wait for the missing bytes forever: fail now instead.
      throw new FileError({
        code: "changed",
        message: `The file changed while it was being sent: its body ended after ${sent} of ${length} bytes.`,
      });
    }
    if (!outgoing.destroyed) outgoing.end();
  } catch (error) {
    // A read failure (a file that changed or cannot be read) fails the attempt.
    fail(error);
  } finally {
    if (outgoing.destroyed) iterator.return?.()?.catch(() => {});
  }
}

/** A Blob-like body's chunks, counted: the runtime's own reader if it has one. */
function bodyChunks(
  body: Blob,
  own: HttpModuleBodyChunks | undefined,
  onUploadProgress: ((loaded: number) => void) | undefined,
): AsyncIterable<Uint8Array> {
  if (own) return onUploadProgress ? counted(own, onUploadProgress) : own;
  const stream = onUploadProgress ? countingStream(body, onUploadProgress).stream : body.stream();
  return streamChunks(stream);
}

/** Reports the bytes yielded so far as each chunk is handed on. */
async function* counted(
  chunks: AsyncIterable<Uint8Array>,
  onProgress: (loaded: number) => void,
): AsyncGenerator<Uint8Array> {
  let loaded = 0;
  for await (const chunk of chunks) {
    loaded += chunk.byteLength;
    onProgress(loaded);
    yield chunk;
  }
}

/** A web stream's chunks; an early stop cancels the stream (closing a file it reads). */
async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** Resolves when the request can take more bytes, or is gone. */
function drained(outgoing: HttpModuleRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      outgoing.off("drain", done);
      outgoing.off("close", done);
      resolve();
    };
    outgoing.once("drain", done);
    outgoing.once("close", done);
  });
}

/**
 * The reply body as a web stream of 1 MiB chunks: the network hands over 16–64 KiB
 * at a time, and gathering them means far fewer reads, hash updates and writes
 * downstream. Each piece is copied once, into the chunk being filled, in `data`
 * handlers (no promise per piece); the reply is paused while the consumer has a
 * chunk waiting. Each piece's arrival is reported (`onReplyProgress`): on a slow
 * link a chunk may take longer to fill than the idle timeout.
 */
function coalescedStream(
  reply: HttpModuleReply,
  onReplyProgress: (() => void) | undefined,
): ReadableStream<Uint8Array> {
  let filling: Uint8Array | undefined;
  let filled = 0;
  let ended = false;
  // A small reply (an API call's JSON) gets a buffer of its own size, not 1 MiB.
  let left = Number(reply.headers["content-length"]);
  if (!Number.isSafeInteger(left) || left <= 0) left = Number.POSITIVE_INFINITY;
  const nextChunk = () => {
    // Past the announced length (node:http never lets one through) full chunks again.
    const size = left > 0 ? Math.min(bodyChunkSize, left) : bodyChunkSize;
    left -= size;
    return new Uint8Array(size);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        reply.on("data", (piece) => {
          // After a cancel (the consumer has all it asked for) nothing more is queued.
          if (ended) return;
          onReplyProgress?.();
          for (let offset = 0; offset < piece.byteLength; ) {
            filling ??= nextChunk();
            const taken = Math.min(piece.byteLength - offset, filling.byteLength - filled);
            filling.set(piece.subarray(offset, offset + taken), filled);
            filled += taken;
            offset += taken;
            if (filled < filling.byteLength) continue;
            controller.enqueue(filling);
            filling = undefined;
            filled = 0;
          }
          if ((controller.desiredSize ?? 0) <= 0) reply.pause();
        });
        reply.once("end", () => {
          if (ended) return;
          ended = true;
          // A short last chunk of a reply of unknown length is copied out, not kept in 1 MiB.
          if (filling && filled > 0) controller.enqueue(filling.slice(0, filled));
          filling = undefined;
          controller.close();
        });
        // A connection dropped before the end fails the read, so it can be resumed.
        reply.once("error", (error) => {
          if (ended) return;
          ended = true;
          controller.error(error);
        });
        reply.once("close", () => {
          if (ended) return;
          ended = true;
          controller.error(new Error("The reply was cut off before its end"));
        });
      },
      pull() {
        reply.resume();
      },
      cancel() {
        ended = true;
        reply.destroy();
      },
    },
    { highWaterMark: 1 },
  );
}
