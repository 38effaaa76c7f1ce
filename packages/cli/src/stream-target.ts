import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Writable } from "node:stream";

/** Where `download -o` sends the bytes as a stream, and how to name it to people. */
export interface StreamTarget {
  stream: WritableStream<Uint8Array>;
  name: string;
}

/**
 * The stream `-o` asks for, if it asks for one: `-` is stdout, and an existing pipe
 * or character device (`/dev/stdout`, a FIFO, `/dev/null`) is written through, in
 * order. The SDK saves to files by renaming a verified copy onto them, which would
 * replace such a device with a file, so it refuses them. `undefined` for a file or
 * a folder. Bytes reach a stream as they arrive, the last ones once verified.
 */
export async function streamTarget(output: string | undefined): Promise<StreamTarget | undefined> {
  if (output === "-") return { stream: toWeb(process.stdout), name: "stdout" };
  if (output === undefined) return undefined;
  // `/dev/stdout` is whatever the shell gave this process: with `>> build.log` a
  // regular file, which must be written through the descriptor itself (appending
  // where the shell's writes are), never reopened, truncated or renamed onto.
  const descriptor = descriptorOf(output);
  if (descriptor === 1) return { stream: toWeb(process.stdout), name: output };
  if (descriptor === 2) return { stream: toWeb(process.stderr), name: output };
  if (descriptor !== undefined) {
    return {
      stream: toWeb(createWriteStream("", { fd: descriptor, autoClose: false })),
      name: output,
    };
  }
  const stats = await stat(output).catch(() => undefined);
  if (!stats?.isFIFO() && !stats?.isCharacterDevice()) return undefined;
  return { stream: toWeb(createWriteStream(output)), name: output };
}

/** The descriptor `path` names in this process (`/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/1`). */
function descriptorOf(path: string): number | undefined {
  if (path === "/dev/stdout") return 1;
  if (path === "/dev/stderr") return 2;
  const match = /^\/(?:dev\/fd|proc\/(?:self|(\d+))\/fd)\/(\d+)$/.exec(path);
  if (!match || (match[1] !== undefined && Number(match[1]) !== process.pid)) return undefined;
  return Number(match[2]);
}

function toWeb(stream: NodeJS.WritableStream): WritableStream<Uint8Array> {
  return Writable.toWeb(stream as Writable) as WritableStream<Uint8Array>;
}
