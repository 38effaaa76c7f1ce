import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * One request over its own node:http connection, watched byte by byte: when
 * the status line arrives, how many body bytes follow, whether the
 * connection closes. Made for faults that stall or cut a connection, where
 * fetch would only ever report "still waiting" or "failed".
 */
export class WatchedExchange {
  /** Status of the reply, once its headers arrived. */
  status: number | undefined;
  /** Headers of the reply, once they arrived. */
  headers: IncomingHttpHeaders | undefined;
  /** Body bytes received so far. */
  bodyBytes = 0;
  /** Whether the connection is closed (by either side). */
  closed = false;
  /** Bytes of the request body handed to the socket so far. */
  bytesSent = 0;
  /** Resolves once the connection is closed. */
  readonly closing: Promise<void>;
  private readonly request: ReturnType<typeof httpRequest>;

  /**
   * @param url Where to send it (a presigned URL, or the API base URL with `path`).
   * @param options Method, raw path (default: the URL's), headers, and the body size in bytes.
   */
  constructor(
    url: string,
    options: { method: string; path?: string; headers?: Record<string, string>; bodySize?: number },
  ) {
    const target = new URL(url);
    const bodySize = options.bodySize ?? 0;
    this.request = httpRequest({
      host: target.hostname,
      port: Number(target.port),
      method: options.method,
      path: options.path ?? `${target.pathname}${target.search}`,
      headers: { ...options.headers, "content-length": String(bodySize) },
      agent: false,
    });
    this.request.on("error", () => undefined);
    this.request.on("response", (response) => {
      this.status = response.statusCode;
      this.headers = response.headers;
      response.on("data", (chunk: Buffer) => {
        this.bodyBytes += chunk.length;
      });
      response.on("error", () => undefined);
    });
    this.closing = new Promise((resolve) => {
      this.request.on("socket", (socket) => {
        socket.once("close", () => {
          this.closed = true;
          resolve();
        });
      });
    });
    if (bodySize === 0) this.request.end();
  }

  /**
   * Writes `bodySize` bytes; resolves `true` as soon as the socket takes no
   * more for `patienceMs` while the connection stays open (the server stopped
   * reading), `false` once all is sent or the connection closed.
   */
  async upload(bodySize: number, patienceMs = 1_000): Promise<boolean> {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    while (this.bytesSent < bodySize) {
      const slice = chunk.subarray(0, Math.min(chunk.length, bodySize - this.bytesSent));
      this.bytesSent += slice.length;
      if (!this.request.write(slice)) {
        const drained = await Promise.race([
          new Promise<boolean>((resolve) => this.request.once("drain", () => resolve(true))),
          sleep(patienceMs).then(() => false),
          this.closing.then(() => false),
        ]);
        if (!drained) return !this.closed;
      }
    }
    this.request.end();
    return false;
  }

  /** Sends `bytes` as the whole request body (the size given to the constructor). */
  send(bytes: Uint8Array): void {
    this.bytesSent += bytes.length;
    this.request.end(bytes);
  }

  /** Waits until the reply's headers arrived or the connection closed. */
  async headersOrClose(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.status === undefined && !this.closed && Date.now() < deadline) await sleep(10);
  }

  /** Closes the connection from the client side. */
  destroy(): void {
    this.request.destroy();
  }
}
