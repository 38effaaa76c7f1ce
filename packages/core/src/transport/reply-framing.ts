import type { ReplyHeaders } from "./reply-headers";

/**
 * Where a reply body ends, and which received bytes belong to it. `take` is given
 * `bytes` just read into `chunk` at `start` and returns how many body bytes they
 * hold, moved to `start` onwards (chunked framing is cut out in place).
 */
export interface ReplyFraming {
  take(chunk: Uint8Array, start: number, bytes: number): number;
  /** Whether the whole body has been taken. */
  done(): boolean;
  /** Whether the body ends where the connection does (no length, not chunked). */
  endsWithConnection(): boolean;
}

/** The framing the reply's headers announce. */
export function replyFraming(headers: ReplyHeaders): ReplyFraming {
  const encoding = headers.get("transfer-encoding");
  if (encoding && encoding.toLowerCase().split(",").pop()?.trim() === "chunked") {
    return new ChunkedFraming();
  }
  const length = headers.get("content-length");
  if (length !== null) {
    if (!/^\d+$/.test(length.trim())) throw framingError(`Content-Length ${length}`);
    return new LengthFraming(Number(length));
  }
  return new ConnectionFraming();
}

/** A body of `Content-Length` bytes; anything after it is dropped. */
class LengthFraming implements ReplyFraming {
  constructor(private left: number) {}
  take(_chunk: Uint8Array, _start: number, bytes: number): number {
    const taken = Math.min(bytes, this.left);
    this.left -= taken;
    return taken;
  }
  done(): boolean {
    return this.left === 0;
  }
  endsWithConnection(): boolean {
    return false;
  }
}

/** A body that runs until the server closes the connection. */
class ConnectionFraming implements ReplyFraming {
  take(_chunk: Uint8Array, _start: number, bytes: number): number {
    return bytes;
  }
  done(): boolean {
    return false;
  }
  endsWithConnection(): boolean {
    return true;
  }
}

/** Longest chunk-size line (with extensions) or trailer line accepted. */
const maxLine = 4096;

/**
 * `Transfer-Encoding: chunked`: size lines, data, CRLF, …, a zero size, trailers,
 * a blank line. The data bytes are moved left over the framing, in place.
 */
class ChunkedFraming implements ReplyFraming {
  private state: "size" | "data" | "data-end" | "trailer" | "done" = "size";
  private line = "";
  private left = 0;

  take(chunk: Uint8Array, start: number, bytes: number): number {
    let read = start;
    let write = start;
    const end = start + bytes;
    while (read < end && this.state !== "done") {
      if (this.state === "data") {
        const taken = Math.min(this.left, end - read);
        if (write !== read) chunk.copyWithin(write, read, read + taken);
        write += taken;
        read += taken;
        this.left -= taken;
        if (this.left === 0) this.state = "data-end";
        continue;
      }
      const byte = chunk[read++] as number;
      if (byte !== 10) {
        this.line += String.fromCharCode(byte);
        if (this.line.length > maxLine) throw framingError("a chunked-encoding line too long");
        continue;
      }
      this.endLine(this.line.endsWith("\r") ? this.line.slice(0, -1) : this.line);
      this.line = "";
    }
    return write - start;
  }

  private endLine(line: string): void {
    if (this.state === "data-end") {
      if (line !== "") throw framingError("chunk data longer than its size");
      this.state = "size";
    } else if (this.state === "size") {
      const size = line.split(";")[0]?.trim() ?? "";
      if (!/^[0-9a-fA-F]{1,12}$/.test(size))
        throw framingError(`chunk size ${JSON.stringify(size)}`);
      this.left = Number.parseInt(size, 16);
      this.state = this.left === 0 ? "trailer" : "data";
    } else if (this.state === "trailer" && line === "") {
      this.state = "done";
    }
  }

  done(): boolean {
    return this.state === "done";
  }
  endsWithConnection(): boolean {
    return false;
  }
}

function framingError(what: string): Error {
  return Object.assign(new Error(`The storage sent a malformed reply: ${what}`), {
    code: "HPE_INVALID_CHUNK_SIZE",
  });
}
