import { Worker } from "node:worker_threads";
import type { Sha256 } from "@luml/core";
import { replyBuffers } from "./reply-buffers";

/**
 * A sha256 computed on a worker thread: a download's main thread then only moves
 * bytes from the socket to the disk, while the hash, which costs more CPU than
 * both, runs on another core at the same time. Each update hands its bytes over
 * without copying them (the buffer is transferred, leaving the caller's chunk
 * empty); a chunk that shares its buffer with other data is copied first.
 *
 * Each buffer comes back once hashed, for the next reply chunk (`reply-buffers`).
 * One worker serves every hash of the process. It is started on first use and
 * does not keep the process alive while no hash waits on it. `undefined` where a
 * worker cannot be started (the caller hashes on its own thread instead).
 */
export function createWorkerSha256(): Sha256 | undefined {
  const worker = hashWorker();
  if (!worker) return undefined;
  const id = worker.open();
  const hash: Sha256 = {
    update: (chunk) => worker.update(id, chunk),
    digest: () => worker.digest(id),
  };
  // A hash dropped unfinished (a failed download) frees its state in the worker.
  abandoned.register(hash, id);
  return hash;
}

/**
 * Bytes handed to the worker and not yet hashed before `update` asks its caller to
 * wait: two chunks, enough to keep the worker busy (it hashes one in about a
 * millisecond), and each one more is a MiB more at the peak.
 */
const maxBehind = 2 * 1024 * 1024;
/** Chunks smaller than this are copied rather than transferred (transfer has a fixed cost). */
const minTransfer = 64 * 1024;

/** What the worker runs (CommonJS, evaluated from this string: no file to ship or resolve). */
const workerSource = `
const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const hashes = new Map();
const hashOf = (id) => {
  let hash = hashes.get(id);
  if (!hash) hashes.set(id, (hash = createHash("sha256")));
  return hash;
};
parentPort.on("message", (message) => {
  const { id, type } = message;
  if (type === "update") {
    hashOf(id).update(new Uint8Array(message.buffer, 0, message.length));
    // The buffer goes back for the next bytes: nothing piles up here waiting for a GC.
    parentPort.postMessage({ id, type: "hashed", length: message.length, buffer: message.buffer }, [message.buffer]);
  } else if (type === "digest") {
    const hex = hashOf(id).digest("hex");
    hashes.delete(id);
    parentPort.postMessage({ id, type: "digest", hex });
  } else if (type === "drop") {
    hashes.delete(id);
  }
});
`;

type Reply =
  | { id: number; type: "hashed"; length: number; buffer: ArrayBuffer }
  | { id: number; type: "digest"; hex: string };

interface Waiting {
  behind: number;
  resume?: () => void;
  digest?: { resolve: (hex: string) => void; reject: (error: unknown) => void };
}

/** The process's hashing worker and the hashes it runs. */
class HashWorker {
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private outstanding = 0;
  private failure: Error | undefined;

  constructor(private readonly worker: Worker) {
    worker.on("message", (reply: Reply) => this.onReply(reply));
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => this.fail(new Error(`The hashing worker exited (code ${code})`)));
    // After the listeners: adding a "message" listener refs the worker's port again,
    // and a download that fails before its first byte would keep the process up.
    worker.unref();
  }

  open(): number {
    const id = this.nextId++;
    this.waiting.set(id, { behind: 0 });
    return id;
  }

  update(id: number, chunk: Uint8Array): void | Promise<void> {
    if (this.failure) throw this.failure;
    const state = this.state(id);
    const length = chunk.byteLength;
    if (length === 0) return;
    try {
      const buffer = transferable(chunk);
      this.send({ id, type: "update", buffer, length }, [buffer]);
    } catch {
      // A buffer the runtime will not transfer (marked untransferable): send a copy.
      const buffer = chunk.slice().buffer as ArrayBuffer;
      this.send({ id, type: "update", buffer, length }, [buffer]);
    }
    state.behind += length;
    if (state.behind <= maxBehind) return;
    return new Promise<void>((resolve) => {
      state.resume = resolve;
    });
  }

  digest(id: number): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    const state = this.state(id);
    return new Promise<string>((resolve, reject) => {
      state.digest = { resolve, reject };
      this.send({ id, type: "digest" });
    });
  }

  drop(id: number): void {
    if (!this.waiting.delete(id) || this.failure) return;
    this.worker.postMessage({ id, type: "drop" });
  }

  private state(id: number): Waiting {
    const state = this.waiting.get(id);
    if (!state) throw new Error("SHA-256: update() after the digest was read");
    return state;
  }

  /** Posts a message that awaits a reply: the worker keeps the process alive meanwhile. */
  private send(message: object, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
    if (this.outstanding++ === 0) this.worker.ref();
  }

  private onReply(reply: Reply): void {
    if (--this.outstanding === 0) this.worker.unref();
    const state = this.waiting.get(reply.id);
    if (!state) return;
    if (reply.type === "digest") {
      this.waiting.delete(reply.id);
      state.digest?.resolve(reply.hex);
      return;
    }
    replyBuffers.adopt(reply.buffer);
    state.behind -= reply.length;
    if (state.resume && state.behind <= maxBehind / 2) {
      const resume = state.resume;
      state.resume = undefined;
      resume();
    }
  }

  /** The worker died: every hash waiting on it fails, and later hashes run on the caller's thread. */
  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    if (shared === this) shared = undefined;
    for (const state of this.waiting.values()) {
      state.resume?.();
      state.digest?.reject(error);
    }
    this.waiting.clear();
  }
}

/** The buffer to transfer for `chunk`: its own when it holds nothing else, else a copy. */
function transferable(chunk: Uint8Array): ArrayBuffer {
  const whole =
    chunk.byteLength >= minTransfer &&
    chunk.byteOffset === 0 &&
    chunk.buffer instanceof ArrayBuffer &&
    chunk.byteLength === chunk.buffer.byteLength;
  return whole ? (chunk.buffer as ArrayBuffer) : (chunk.slice().buffer as ArrayBuffer);
}

let shared: HashWorker | undefined;
let unavailable = false;

function hashWorker(): HashWorker | undefined {
  if (shared || unavailable) return shared;
  try {
    shared = new HashWorker(new Worker(workerSource, { eval: true }));
  } catch {
    // No worker here (a permission model that denies threads): hash on the caller's thread.
    unavailable = true;
  }
  return shared;
}

const abandoned = new FinalizationRegistry<number>((id) => shared?.drop(id));
