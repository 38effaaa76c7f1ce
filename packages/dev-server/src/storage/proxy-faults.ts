import type { IncomingMessage, ServerResponse } from "node:http";
import { Transform } from "node:stream";
import type { FaultAction } from "../types";

/** What a fault does to a forwarded reply once its status line and headers are written. */
export type ReplyFault = "cut" | "corrupt" | "stall-after-headers" | "stall-mid-body" | "lost";

/** The reply part of a fault that lets the request through, if any. */
export function replyFaultOf(fault: FaultAction | undefined): ReplyFault | undefined {
  if (!fault) return undefined;
  if ("cut" in fault && fault.cut === "mid-body") return "cut";
  if ("cut" in fault && fault.cut === "after-handling") return "lost";
  if ("corrupt" in fault) return "corrupt";
  if ("stall" in fault && fault.stall === "after-headers") return "stall-after-headers";
  if ("stall" in fault && fault.stall === "mid-body") return "stall-mid-body";
  return undefined;
}

/** Flips one byte of the first non-empty chunk, so a verified download must notice. */
export function corruptingStream(): Transform {
  let done = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (!done && chunk.length > 0) {
        const copy = Buffer.from(chunk);
        const index = Math.floor(copy.length / 2);
        copy[index] = (copy[index] as number) ^ 0xff;
        done = true;
        callback(null, copy);
        return;
      }
      callback(null, chunk);
    },
  });
}

/**
 * Passes bytes on no faster than `bytesPerSecond` on average, as a link of that
 * speed would: each chunk goes on once the time its bytes take at that rate,
 * counted from the first byte, has passed. Behind that schedule (a client that
 * paused), chunks go on at once until it is caught up.
 */
export function pacedStream(bytesPerSecond: number): Transform {
  let started: number | undefined;
  let passed = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      started ??= performance.now();
      passed += chunk.length;
      const wait = started + (passed / bytesPerSecond) * 1000 - performance.now();
      // Timers are no finer than a millisecond: shorter waits are caught up later.
      if (wait < 1) callback(null, chunk);
      else timer = setTimeout(() => callback(null, chunk), wait);
    },
    destroy(error, callback) {
      clearTimeout(timer);
      callback(error);
    },
  });
}

/** The rate of a `bytesPerSecond` fault, if `fault` is one. */
export function pacedRateOf(fault: FaultAction | undefined): number | undefined {
  return fault && "bytesPerSecond" in fault ? fault.bytesPerSecond : undefined;
}

function write(response: ServerResponse, bytes: Buffer): Promise<void> {
  // Waiting for each write lets the bytes reach the client before anything else happens.
  return new Promise((resolve) => response.write(bytes, () => resolve()));
}

/**
 * Sends the headers and about half of the upstream body, then stops reading the
 * emulator: a `cut` destroys the client's connection, a stall leaves it open
 * with no byte more (the server's `stop()` destroys it).
 */
export async function sendHalf(
  upstream: IncomingMessage,
  response: ServerResponse,
  then: "cut" | "stall",
): Promise<void> {
  const socket = response.socket;
  const length = Number(upstream.headers["content-length"]);
  const budget = Number.isFinite(length) ? Math.floor(length / 2) : 1;
  response.flushHeaders();
  let sent = 0;
  for await (const chunk of upstream as AsyncIterable<Buffer>) {
    const slice = chunk.subarray(0, Math.max(0, budget - sent));
    if (slice.length > 0) {
      sent += slice.length;
      await write(response, slice);
    }
    if (sent >= budget) break;
  }
  upstream.destroy();
  if (then === "cut") socket?.destroy();
}

/** Sends the headers and no body: the emulator's reply is dropped, the client's connection stays open. */
export function sendHeadersOnly(upstream: IncomingMessage, response: ServerResponse): void {
  response.flushHeaders();
  upstream.destroy();
}

/** Sends a buffered body (its headers already written) the way `fault` wants. */
export async function sendBuffered(
  response: ServerResponse,
  body: Buffer,
  fault: ReplyFault | undefined,
): Promise<void> {
  if (fault === "stall-after-headers") {
    response.flushHeaders();
    return;
  }
  if (fault === "cut" || fault === "stall-mid-body") {
    const socket = response.socket;
    response.flushHeaders();
    await write(response, body.subarray(0, Math.floor(body.length / 2)));
    if (fault === "cut") socket?.destroy();
    return;
  }
  if (fault === "corrupt" && body.length > 0) {
    const index = Math.floor(body.length / 2);
    body[index] = (body[index] as number) ^ 0xff;
  }
  response.end(body);
}

/** Reads about half of the request body, then kills the connection: the upload is interrupted, nothing is stored. */
export async function cutUpload(request: IncomingMessage): Promise<void> {
  const socket = request.socket;
  const length = Number(request.headers["content-length"]);
  const budget = Number.isFinite(length) ? Math.floor(length / 2) : 1;
  let received = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received >= budget) break;
  }
  socket.destroy();
}

/**
 * Stops reading the request and never answers: once node's buffer and the
 * socket buffers fill, the client's upload stalls. Nothing is forwarded and no
 * timer is kept; the connection lasts until the client closes it or the
 * server's `stop()` destroys it.
 */
export function stallRequest(request: IncomingMessage): void {
  request.pause();
}
