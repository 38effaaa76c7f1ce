import type { DownloadSink, FileError } from "@luml/core";
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
import { type DenoFile, type DenoFileInfo, getDeno } from "./deno-api.ts";
import { notAFileError, toFileError } from "./file-error.ts";
import { localPath } from "./file-url-path.ts";

/**
 * Opens an atomic file sink. The bytes go to a hidden temporary file beside the
 * destination; `commit` flushes it to disk and renames it into place, so the
 * destination never holds a partial file, even after a crash, and `abort` removes it.
 *
 * `target` is a file path, a `file:` URL, a folder (existing, or a path ending in
 * `/`), or `undefined` for the current folder; with a folder the file is named
 * `fileName` (core passes the artifact's name already reduced to a safe base name).
 * A symbolic link is followed to the file it names; a device, pipe or socket is
 * refused.
 */
export async function openFileSink(
  target: string | URL | undefined,
  fileName: string,
): Promise<
  DownloadSink & {
    /**
     * Where the file will be once committed: `target` itself, or `fileName` inside
     * the `target` folder (the current folder when `target` is `undefined`).
     */
    readonly path: string;
  }
> {
  const deno = getDeno();
  const { path, replaced } = await replaceableFile(await resolveTargetPath(target, fileName));
  const temporaryPath = `${directoryOf(path)}.${baseNameOf(path)}.${randomSuffix()}.part`;
  const folder = withoutSeparator(directoryOf(path));
  const made: FoldersMade = { folder, highest: undefined };
  // A failed download takes away the folders it made, as it does its temporary file.
  const removeMade = () =>
    removeFoldersMade(made, { removeFolder: (at) => deno.remove(at), parentOf: parentFolder });
  let file: DenoFile | undefined;
  try {
    file = await createTemporaryFile(temporaryPath, made);
    // A replaced file keeps its permissions: a 0600 model must not become readable to all.
    if (replaced?.mode != null) await deno.chmod(temporaryPath, replaced.mode & 0o777);
  } catch (error) {
    if (file) {
      file.close();
      await removeQuietly(temporaryPath);
    }
    await removeMade();
    throw (await fileInTheWay(directoryOf(path), path)) ?? toFileError(error, path);
  }
  let pending: Promise<void> = Promise.resolve();
  const flusher = new BackgroundFlush(() => file.syncData());
  let closed = false;

  const close = () => {
    if (!closed) {
      closed = true;
      file.close();
    }
  };

  return {
    path,
    write(chunk, position) {
      // seek + write on one handle must not interleave: chain them.
      const next = pending.then(async () => {
        try {
          await file.seek(position, deno.SeekMode.Start);
          let written = 0;
          while (written < chunk.byteLength) {
            written += await file.write(chunk.subarray(written));
          }
          flusher.wrote(chunk.byteLength);
        } catch (error) {
          // A full disk is `no_space`, a read-only one `read_only`: say which.
          throw toFileError(error, path);
        }
      });
      pending = next.catch(() => undefined);
      return next;
    },
    async commit() {
      await pending;
      try {
        await flusher.settle();
        // On disk before the rename: a crash never leaves a partial file under the name.
        await file.syncData();
        close();
        await deno.rename(temporaryPath, path);
      } catch (error) {
        close();
        await removeQuietly(temporaryPath);
        await removeMade();
        throw toFileError(error, path);
      }
    },
    async abort() {
      await pending;
      await flusher.settle();
      close();
      await removeQuietly(temporaryPath);
      await removeMade();
    },
  };
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
async function replaceableFile(path: string): Promise<{ path: string; replaced?: DenoFileInfo }> {
  const deno = getDeno();
  const { target, descriptor } = await followLinks(path);
  if (descriptor) {
    throw localFileError("not_a_file", path, processDescriptorReason);
  }
  let info: DenoFileInfo;
  try {
    info = await deno.stat(target);
  } catch (error) {
    if (isMissing(error)) return { path: target };
    throw toFileError(error, path);
  }
  if (info.isFile) return { path: target, replaced: info };
  // A folder, a device, a pipe or a socket: renaming onto it would replace it.
  throw notAFileError(target, info);
}

/**
 * Where the chain of symbolic links at `path` ends (a path that may not exist),
 * and whether it passes through a process's descriptor. Followed one link at a
 * time: `realPath` fails on a dangling link, and on a descriptor of a pipe.
 */
async function followLinks(path: string): Promise<{ target: string; descriptor: boolean }> {
  const deno = getDeno();
  let current = path.startsWith("/") ? path : joinPath(deno.cwd(), path);
  for (let hops = 0; hops < 40; hops += 1) {
    if (isProcessDescriptorPath(current)) return { target: current, descriptor: true };
    let link: DenoFileInfo;
    try {
      link = await deno.lstat(current);
    } catch (error) {
      if (isMissing(error)) return { target: current, descriptor: false };
      throw toFileError(error, path);
    }
    if (!link.isSymlink) return { target: current, descriptor: false };
    const next = await deno.readLink(current).catch((error: unknown) => {
      throw toFileError(error, path);
    });
    current = next.startsWith("/") ? next : joinPath(directoryOf(current), next);
  }
  throw localFileError("io", path, "too many levels of symbolic links");
}

/** A `not_a_file` error when a file stands where a folder of `folder` should be. */
async function fileInTheWay(folder: string, path: string): Promise<FileError | undefined> {
  const deno = getDeno();
  for (let current = withoutSeparator(folder); current !== ""; current = parentFolder(current)) {
    const info = await deno.stat(current).catch(() => undefined);
    if (info) {
      return info.isDirectory
        ? undefined
        : localFileError("not_a_file", path, `${displayText(current)} is not a folder`);
    }
  }
  return undefined;
}

/** Whether nothing is at the path: not there, or under a file where a folder should be. */
function isMissing(error: unknown): boolean {
  const errors = getDeno().errors;
  return (
    error instanceof errors.NotFound ||
    (errors.NotADirectory !== undefined && error instanceof errors.NotADirectory)
  );
}

/** The destination file path for `target`, joining `fileName` when it names a folder. */
async function resolveTargetPath(
  target: string | URL | undefined,
  fileName: string,
): Promise<string> {
  const deno = getDeno();
  if (target === undefined) return joinPath(deno.cwd(), fileName);
  const path = localPath(target, "to");
  if (path.endsWith("/") || path.endsWith("\\")) return joinPath(path, fileName);
  // Not looked at: Deno asks for every permission to touch a descriptor's file.
  if (isProcessDescriptorPath(path)) return path;
  try {
    if ((await deno.stat(path)).isDirectory) return joinPath(path, fileName);
  } catch (error) {
    if (!isMissing(error)) throw toFileError(error, path);
  }
  return path;
}

function joinPath(folder: string, name: string): string {
  return /[/\\]$/.test(folder) ? `${folder}${name}` : `${folder}/${name}`;
}

/** Times the folder is made again when it goes missing before the temporary file is in it. */
const folderAttempts = 5;

/**
 * Makes the destination's folder (as in @luml/node) and creates the temporary
 * file in it, noting in `made` the folders missing when it began: they are this
 * download's to take away if it fails, even when another download into the same
 * new folder made them first (whichever fails last finds them empty). One that
 * fails takes them away while they are empty, which may fall between the two
 * steps here: the folders are then made again.
 */
async function createTemporaryFile(temporaryPath: string, made: FoldersMade): Promise<DenoFile> {
  const deno = getDeno();
  for (let attempt = 1; ; attempt++) {
    made.highest = higherFolder(made.highest, await highestMissing(made.folder));
    try {
      if (made.folder !== "") await deno.mkdir(made.folder, { recursive: true });
      return await deno.open(temporaryPath, { write: true, createNew: true });
    } catch (error) {
      if (attempt >= folderAttempts || !isMissing(error)) throw error;
    }
  }
}

/** The highest of `folder` and the folders above it that do not exist yet, if any. */
async function highestMissing(folder: string): Promise<string | undefined> {
  const deno = getDeno();
  let highest: string | undefined;
  for (let current = folder; current !== ""; current = parentFolder(current)) {
    // One the process may not look at counts as there: it is not this download's.
    if (
      await deno.lstat(current).then(
        () => true,
        (error: unknown) => !isMissing(error),
      )
    )
      break;
    highest = current;
    if (parentFolder(current) === current) break;
  }
  return highest;
}

function parentFolder(path: string): string {
  return withoutSeparator(directoryOf(path));
}

function withoutSeparator(path: string): string {
  return path.replace(/[/\\]+$/, "");
}

function directoryOf(path: string): string {
  const index = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return index === -1 ? "" : path.slice(0, index + 1);
}

function baseNameOf(path: string): string {
  const index = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return path.slice(index + 1);
}

function randomSuffix(): string {
  return crypto.randomUUID().slice(0, 8);
}

async function removeQuietly(path: string): Promise<void> {
  try {
    await getDeno().remove(path);
  } catch {
    // Already gone: nothing to clean up.
  }
}
