import { randomBytes } from "node:crypto";
import { type FileHandle, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type DownloadSink, InvalidArgumentError } from "@luml/core";
import { toFileError } from "./file-error";

/** Where `artifacts.download` may write in Node and Bun: a file path, a folder, or a file: URL. */
export type NodeDownloadTarget = string | URL;

/**
 * Opens an atomic file sink. The bytes go to a hidden temporary file beside the
 * destination (`.name.<random>.part`) with positioned writes; `commit` flushes
 * it to disk and renames it into place, so the destination never holds a partial
 * file, and `abort` removes it.
 *
 * `target` is a file path, a `file:` URL, a folder (existing, or a path ending in
 * a separator), or `undefined` for the current folder; with a folder the file is
 * named `fileName` (already reduced to a safe base name by core).
 */
export async function openFileSink(
  target: unknown,
  fileName: string,
): Promise<
  DownloadSink & {
    /** Where the file will be once committed: the resolved target path. */
    readonly path: string;
  }
> {
  const path = await resolveTargetPath(target, fileName);
  const temporaryPath = join(
    dirname(path),
    `.${basename(path)}.${randomBytes(6).toString("hex")}.part`,
  );
  let handle: FileHandle;
  try {
    await mkdir(dirname(path), { recursive: true });
    handle = await open(temporaryPath, "wx");
  } catch (error) {
    throw toFileError(error, path);
  }
  const writes = new Set<Promise<unknown>>();
  const flusher = new BackgroundFlusher(handle);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.allSettled(writes);
    await flusher.settle();
    await handle.close();
  };

  return {
    path,
    async write(chunk, position) {
      // pwrite at an explicit position: parallel ranges may write concurrently.
      const write = writeFully(handle, chunk, position);
      writes.add(write);
      try {
        await write;
        flusher.wrote(chunk.byteLength);
      } catch (error) {
        throw toFileError(error, path);
      } finally {
        writes.delete(write);
      }
    },
    async commit() {
      try {
        await Promise.all(writes);
        await flusher.settle();
        await handle.sync();
        await close();
        await rename(temporaryPath, path);
      } catch (error) {
        await close().catch(() => {});
        await unlink(temporaryPath).catch(() => {});
        throw toFileError(error, path);
      }
    },
    async abort() {
      await close().catch(() => {});
      await unlink(temporaryPath).catch(() => {});
    },
  };
}

/** Written bytes after which the data written so far is flushed to disk in the background. */
const flushInterval = 64 * 1024 * 1024;

/**
 * Flushes written data to disk while the download goes on (`fdatasync`, one at a
 * time), so the `fsync` that must precede the atomic rename finds little left to
 * write instead of the whole file.
 */
class BackgroundFlusher {
  private unflushed = 0;
  private running: Promise<void> | undefined;

  constructor(private readonly handle: FileHandle) {}

  /** Counts written bytes; starts a flush once enough have gathered and none is running. */
  wrote(bytes: number): void {
    this.unflushed += bytes;
    if (this.unflushed < flushInterval || this.running) return;
    this.unflushed = 0;
    // Best effort: a failure here resurfaces in the final fsync.
    this.running = this.handle
      .datasync()
      .catch(() => {})
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Waits for a running flush. */
  async settle(): Promise<void> {
    await this.running;
  }
}

async function writeFully(handle: FileHandle, chunk: Uint8Array, position: number): Promise<void> {
  let written = 0;
  while (written < chunk.byteLength) {
    const result = await handle.write(
      chunk,
      written,
      chunk.byteLength - written,
      position + written,
    );
    written += result.bytesWritten;
  }
}

/** The destination file path for `target`, joining `fileName` when it names a folder. */
async function resolveTargetPath(target: unknown, fileName: string): Promise<string> {
  if (target === undefined || target === null) return resolve(fileName);
  if (typeof target !== "string" && !(target instanceof URL)) {
    throw new InvalidArgumentError({
      argument: "to",
      message: "expected a file path, a folder or a file: URL",
    });
  }
  const path = target instanceof URL ? fileURLToPath(target) : target;
  if (path.endsWith("/") || path.endsWith("\\")) return resolve(path, fileName);
  try {
    if ((await stat(path)).isDirectory()) return resolve(path, fileName);
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ENOENT") throw toFileError(error, path);
  }
  return resolve(path);
}
