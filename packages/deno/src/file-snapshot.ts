import { changedFileError, describeFileChange, type LocalFileState } from "@luml/core/internal";
import { type DenoFileInfo, getDeno } from "./deno-api.ts";
import { toFileError } from "./file-error.ts";

/**
 * What a file was when it was opened for an upload: its identity (device and
 * inode), size, and modification and change times. A write to the file moves its
 * times, a truncation or an append its size, and replacing it (an editor's
 * save-by-rename) its inode, so comparing a later `stat` with this tells whether
 * the bytes read still belong to the file that was hashed.
 *
 * Deno reports times in milliseconds; the kernel stamps them from a clock that
 * advances in ticks of one to a few milliseconds, so the coarser of the two
 * decides: a same-size edit within the same tick as the opening goes unseen.
 */
export interface FileSnapshot {
  /** The device holding the file (`dev`). */
  readonly device: number;
  /** The file's inode number on that device; `null` on Windows. */
  readonly inode: number | null;
  /** The file's size in bytes. */
  readonly size: number;
  /** Last modification of the file's data, in milliseconds since the epoch. */
  readonly modifiedMs: number | undefined;
  /** Last change of the file's data or metadata, in milliseconds since the epoch. */
  readonly changedMs: number | undefined;
}

/** The snapshot of `info` (from `Deno.stat` or `FsFile.stat`). */
export function snapshotOf(info: DenoFileInfo): FileSnapshot {
  return {
    device: info.dev,
    inode: info.ino,
    size: info.size,
    modifiedMs: info.mtime?.getTime(),
    changedMs: info.ctime?.getTime(),
  };
}

/** Stats the file at `path` and throws `changed` unless it still matches `snapshot`. */
export async function checkPath(path: string, snapshot: FileSnapshot): Promise<void> {
  const deno = getDeno();
  let info: DenoFileInfo;
  try {
    info = await deno.stat(path);
  } catch (error) {
    // Gone since it was opened: it is not the file that was hashed.
    if (error instanceof deno.errors.NotFound)
      throw changedFileError(path, "it was removed", error);
    throw toFileError(error, path);
  }
  checkInfo(path, snapshot, info);
}

/** Throws `changed` unless `info` (of the file at `path`, now) matches `snapshot`. */
export function checkInfo(path: string, snapshot: FileSnapshot, info: DenoFileInfo): void {
  const difference = describeFileChange(stateOf(snapshot), stateOf(snapshotOf(info)));
  if (difference) throw changedFileError(path, difference);
}

/** `snapshot` in the terms core compares. */
function stateOf(snapshot: FileSnapshot): LocalFileState {
  const { modifiedMs: modified, changedMs: changed, ...identity } = snapshot;
  return { ...identity, modified, changed };
}
