import { randomBytes } from "node:crypto";
import {
  type FileHandle,
  lstat,
  mkdir,
  open,
  readlink,
  rename,
  rmdir,
  stat,
  unlink,
} from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { type DownloadSink, InvalidArgumentError } from "@luml/core";
import {
  BackgroundFlush,
  displayText,
  type FoldersMade,
  higherFolder,
  isProcessDescriptorPath,
  localFileError,
  processDescriptorReason,
  removeFoldersMade,
} from "@luml/core/internal";
import { notAFileError, toFileError } from "./file-error";
import { localPath } from "./file-url-path";

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
  const { path, mode } = await replaceableFile(await resolveTargetPath(target, fileName));
  const temporaryPath = join(
    dirname(path),
    `.${basename(path)}.${randomBytes(6).toString("hex")}.part`,
  );
  const { handle, made } = await createTemporaryFile(temporaryPath, path);
  // A failed download takes away the folders it made, as it does its temporary file.
  const removeMade = () => removeFoldersMade(made, { removeFolder: rmdir, parentOf: dirname });
  if (mode !== undefined) {
    // A replaced file keeps its permissions: a 0600 model must not become readable to all.
    try {
      await handle.chmod(mode);
    } catch (error) {
      await handle.close().catch(() => {});
      await unlink(temporaryPath).catch(() => {});
      await removeMade();
      throw toFileError(error, path);
    }
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
        await removeMade();
        throw toFileError(error, path);
      }
    },
    async abort() {
      await close().catch(() => {});
      await unlink(temporaryPath).catch(() => {});
      await removeMade();
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
 * link stays (a dangling link's target is created); nothing, or a regular file,
 * whose permissions the new file takes.
 * Anything else there (a device, a pipe, a socket) is a `not_a_file` error:
 * renaming the finished download onto it would replace the device with a file.
 * So is a descriptor of this process (`/dev/stdout`, `/proc/self/fd/1`) even when
 * it leads to a regular file: that file is whatever the shell redirected the
 * output to (a build log), which the rename would replace.
 */
async function replaceableFile(path: string): Promise<{ path: string; mode?: number }> {
  const { target, descriptor } = await followLinks(path);
  if (descriptor) {
    throw localFileError("not_a_file", path, processDescriptorReason);
  }
  try {
    const stats = await stat(target);
    if (!stats.isFile()) throw notAFileError(target, stats);
    return { path: target, mode: stats.mode & 0o777 };
  } catch (error) {
    if (isMissing(error)) return { path: target };
    throw toFileError(error, path);
  }
}

/**
 * Whether nothing is at the path: not there, or a file where a folder of it
 * should be (then creating its folder fails, and says why).
 */
function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

/**
 * Where the chain of symbolic links at `path` ends (a path that may not exist),
 * and whether it passes through a process's descriptor. Followed one link at a
 * time: `realpath` fails on a dangling link, and on a descriptor of a pipe.
 */
async function followLinks(path: string): Promise<{ target: string; descriptor: boolean }> {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops += 1) {
    if (isProcessDescriptorPath(current)) return { target: current, descriptor: true };
    const stats = await lstat(current).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw toFileError(error, path);
    });
    if (!stats?.isSymbolicLink()) return { target: current, descriptor: false };
    const next = await readlink(current).catch((error: unknown) => {
      throw toFileError(error, path);
    });
    current = resolve(dirname(current), next);
  }
  throw localFileError("io", path, "too many levels of symbolic links");
}

/** Times the folder is made again when it goes missing before the temporary file is in it. */
const folderAttempts = 5;

/**
 * Makes the destination's folder and creates the temporary file in it. The
 * folders missing when the download began are its own to take away if it fails,
 * even when another download into the same new folder made them first: whichever
 * fails last finds them empty. One that fails takes them away while they are
 * empty, which may fall between (or inside) the two steps here: the folders are
 * then made again.
 */
async function createTemporaryFile(
  temporaryPath: string,
  path: string,
): Promise<{ handle: FileHandle; made: FoldersMade }> {
  const folder = dirname(path);
  const made: FoldersMade = { folder, highest: undefined };
  for (let attempt = 1; ; attempt++) {
    made.highest = higherFolder(made.highest, await highestMissing(folder));
    try {
      // Resolves with the highest folder it made, if any.
      made.highest = higherFolder(made.highest, await mkdir(folder, { recursive: true }));
    } catch (error) {
      if (attempt < folderAttempts && isMissing(error)) continue;
      await removeFoldersMade(made, { removeFolder: rmdir, parentOf: dirname });
      throw await folderError(folder, path, error);
    }
    try {
      return { handle: await open(temporaryPath, "wx"), made };
    } catch (error) {
      if (attempt < folderAttempts && isMissing(error)) continue;
      await removeFoldersMade(made, { removeFolder: rmdir, parentOf: dirname });
      throw toFileError(error, path);
    }
  }
}

/** The highest of `folder` and the folders above it that do not exist yet, if any. */
async function highestMissing(folder: string): Promise<string | undefined> {
  let highest: string | undefined;
  for (let current = folder; !(await exists(current)); current = dirname(current)) {
    highest = current;
    if (dirname(current) === current) break;
  }
  return highest;
}

/** Whether something is at `path`: one the process may not look at counts as there. */
function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    (error: unknown) => !isMissing(error),
  );
}

/**
 * Why `folder` cannot be made: the first missing folder's own error, or a file in
 * the way. Node's recursive `mkdir` reports ENOENT when a folder above cannot be
 * made, whatever the reason: one level at a time, the system says why (a
 * read-only file system, a file where a folder should be).
 */
async function folderError(folder: string, path: string, original: unknown): Promise<unknown> {
  const missing: string[] = [];
  let current = folder;
  for (;;) {
    const stats = await stat(current).catch(() => undefined);
    if (stats) {
      if (!stats.isDirectory()) {
        return localFileError(
          "not_a_file",
          path,
          `${displayText(current)} is not a folder`,
          original,
        );
      }
      break;
    }
    missing.push(current);
    if (dirname(current) === current) break;
    current = dirname(current);
  }
  const first = missing.at(-1);
  if (first === undefined) return toFileError(original, path);
  return mkdir(first).then(
    () => toFileError(original, path),
    (error: unknown) => toFileError(error, path),
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
  const path = localPath(target, "to");
  if (path.endsWith("/") || path.endsWith("\\")) return resolve(path, fileName);
  try {
    if ((await stat(path)).isDirectory()) return resolve(path, fileName);
  } catch (error) {
    if (!isMissing(error)) throw toFileError(error, path);
  }
  return resolve(path);
}
