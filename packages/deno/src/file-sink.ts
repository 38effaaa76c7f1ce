import type { DownloadSink } from "@luml/core";
import { BackgroundFlush } from "@luml/core/internal";
import { type DenoFile, type DenoFileInfo, getDeno } from "./deno-api.ts";
import { notAFileError, toFileError } from "./file-error.ts";

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
  const path = await replaceableFile(await resolveTargetPath(target, fileName));
  const temporaryPath = `${directoryOf(path)}.${baseNameOf(path)}.${randomSuffix()}.part`;
  let file: DenoFile;
  try {
    // A destination in a folder that does not exist yet gets it, as in @luml/node.
    const folder = directoryOf(path);
    if (folder !== "") await deno.mkdir(folder, { recursive: true });
    file = await deno.open(temporaryPath, { write: true, createNew: true });
  } catch (error) {
    throw toFileError(error, path);
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
        throw toFileError(error, path);
      }
    },
    async abort() {
      await pending;
      await flusher.settle();
      close();
      await removeQuietly(temporaryPath);
    },
  };
}

/**
 * The file a download will replace at `path`: a symbolic link's target, so the
 * link stays; nothing, or a regular file. Anything else there (a device such as
 * `/dev/stdout`, a pipe, a socket) is a `not_a_file` error: renaming the finished
 * download onto it would replace the device with a file.
 */
async function replaceableFile(path: string): Promise<string> {
  const deno = getDeno();
  let link: DenoFileInfo;
  try {
    link = await deno.lstat(path);
  } catch (error) {
    if (error instanceof deno.errors.NotFound) return path;
    throw toFileError(error, path);
  }
  try {
    const real = link.isSymlink ? await deno.realPath(path) : path;
    const info = real === path ? link : await deno.stat(real);
    if (!info.isFile) throw notAFileError(real, info);
    return real;
  } catch (error) {
    throw toFileError(error, path);
  }
}

/** The destination file path for `target`, joining `fileName` when it names a folder. */
async function resolveTargetPath(
  target: string | URL | undefined,
  fileName: string,
): Promise<string> {
  const deno = getDeno();
  if (target === undefined) return joinPath(deno.cwd(), fileName);
  const path = target instanceof URL ? decodeURIComponent(target.pathname) : target;
  if (path.endsWith("/") || path.endsWith("\\")) return joinPath(path, fileName);
  try {
    if ((await deno.stat(path)).isDirectory) return joinPath(path, fileName);
  } catch (error) {
    if (!(error instanceof deno.errors.NotFound)) throw toFileError(error, path);
  }
  return path;
}

function joinPath(folder: string, name: string): string {
  return /[/\\]$/.test(folder) ? `${folder}${name}` : `${folder}/${name}`;
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
