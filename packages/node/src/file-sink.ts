import { randomBytes } from "node:crypto";
import {
  type FileHandle,
  lstat,
  mkdir,
  open,
  realpath,
  rename,
  stat,
  unlink,
} from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type DownloadSink, InvalidArgumentError } from "@luml/core";
import { BackgroundFlush } from "@luml/core/internal";
import { notAFileError, toFileError } from "./file-error";

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
 * named `fileName` (already reduced to a safe base name by core). A symbolic link
 * is followed to the file it names; a device, pipe or socket is refused.
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
  const path = await replaceableFile(await resolveTargetPath(target, fileName));
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
  // Writes run one at a time, each starting as the one before it ends: buffered
  // writes to one file serialize on its inode lock in the kernel anyway, and two
  // at once burn system time contending for it.
  let lastWrite: Promise<unknown> = Promise.resolve();
  const flusher = new BackgroundFlush(() => handle.datasync());
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await lastWrite;
    await flusher.settle();
    await handle.close();
  };

  return {
    path,
    async write(chunk, position) {
      // pwrite at an explicit position: parallel ranges hand over writes in any order.
      const write = lastWrite.then(() => writeFully(handle, chunk, position));
      lastWrite = write.catch(() => {});
      try {
        await write;
        flusher.wrote(chunk.byteLength);
      } catch (error) {
        throw toFileError(error, path);
      }
    },
    async commit() {
      try {
        await lastWrite;
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

/**
 * The file a download will replace at `path`: a symbolic link's target, so the
 * link stays; nothing, or a regular file. Anything else there (a device such as
 * `/dev/stdout`, a pipe, a socket) is a `not_a_file` error: renaming the finished
 * download onto it would replace the device with a file.
 */
async function replaceableFile(path: string): Promise<string> {
  try {
    const link = await lstat(path);
    const real = link.isSymbolicLink() ? await realpath(path) : path;
    const stats = real === path ? link : await stat(real);
    if (!stats.isFile()) throw notAFileError(real, stats);
    return real;
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT" && !(await isLink(path))) return path;
    throw toFileError(error, path);
  }
}

/** Whether `path` is a symbolic link (a dangling one, when reached after ENOENT). */
async function isLink(path: string): Promise<boolean> {
  return lstat(path).then(
    (stats) => stats.isSymbolicLink(),
    () => false,
  );
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
