import type { BigIntStats } from "node:fs";
import { stat } from "node:fs/promises";
import { changedFileError, describeFileChange, type LocalFileState } from "@luml/core/internal";
import { toFileError } from "./file-error";

/**
 * What a file was when it was opened for an upload: its identity (device and
 * inode), size, and modification and change times in nanoseconds. A write to the
 * file moves its times, a truncation or an append its size, and replacing it
 * (an editor's save-by-rename) its inode, so comparing a later `stat` with this
 * tells whether the bytes read still belong to the file that was hashed.
 *
 * Times are as fine as the file system keeps them, but the kernel stamps them
 * from a clock that advances in ticks of a few milliseconds: two writes of the
 * same size within one tick of taking the snapshot can leave all of these equal.
 */
export interface FileSnapshot {
  /** The device holding the file (`dev`). */
  readonly device: bigint;
  /** The file's inode number on that device (`ino`). */
  readonly inode: bigint;
  /** The file's size in bytes. */
  readonly size: bigint;
  /** Last modification of the file's data, in nanoseconds since the epoch (`mtimeNs`). */
  readonly modifiedNs: bigint;
  /** Last change of the file's data or metadata, in nanoseconds since the epoch (`ctimeNs`). */
  readonly changedNs: bigint;
}

/** The snapshot of `stats` (from a `{ bigint: true }` stat). */
export function snapshotOf(stats: BigIntStats): FileSnapshot {
  return {
    device: stats.dev,
    inode: stats.ino,
    size: stats.size,
    modifiedNs: stats.mtimeNs,
    changedNs: stats.ctimeNs,
  };
}

/** Reads the file at `path` and throws `changed` unless it still matches `snapshot`. */
export async function checkPath(path: string, snapshot: FileSnapshot): Promise<void> {
  let stats: BigIntStats;
  try {
    stats = await stat(path, { bigint: true });
  } catch (error) {
    // Gone, or moved out of reach, since it was opened: it is not the file that was hashed.
    if ((error as { code?: unknown }).code === "ENOENT") {
      throw changedFileError(path, "it was removed", error);
    }
    throw toFileError(error, path);
  }
  checkStats(path, snapshot, stats);
}

/** Throws `changed` unless `stats` (of the file at `path`, now) match `snapshot`. */
export function checkStats(path: string, snapshot: FileSnapshot, stats: BigIntStats): void {
  const difference = describeFileChange(stateOf(snapshot), stateOf(snapshotOf(stats)));
  if (difference) throw changedFileError(path, difference);
}

/** `snapshot` in the terms core compares. */
function stateOf(snapshot: FileSnapshot): LocalFileState {
  const { modifiedNs: modified, changedNs: changed, ...identity } = snapshot;
  return { ...identity, modified, changed };
}
