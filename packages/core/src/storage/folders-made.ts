/**
 * The folders a download made for its file, so a failed one can take them away
 * again: a sink creates the destination's missing folders before the first byte,
 * and "nothing is left behind" covers them too. Runtimes pass their own calls.
 */
export interface FoldersMade {
  /** The destination's folder. */
  folder: string;
  /** The highest folder the download made (the first one missing), if it made any. */
  highest: string | undefined;
}

/**
 * The higher of two folders on the same way up (the shorter path), either of which
 * may be missing: a download that makes its folders again keeps the highest it made.
 */
export function higherFolder(
  first: string | undefined,
  second: string | undefined,
): string | undefined {
  if (first === undefined || second === undefined) return first ?? second;
  return first.length <= second.length ? first : second;
}

/**
 * Removes the folders of `made`, from the destination's folder up to the highest
 * one made, while each is empty: a folder something else was put in meanwhile
 * stays, and so does every folder above it.
 */
export async function removeFoldersMade(
  made: FoldersMade,
  runtime: {
    /** Removes an empty folder; rejects when it is not empty (or gone). */
    removeFolder(path: string): Promise<void>;
    /** The folder holding `path`. */
    parentOf(path: string): string;
  },
): Promise<void> {
  const { highest } = made;
  if (highest === undefined) return;
  // Never above the highest folder made, should a path not lead up to it.
  for (
    let current = made.folder;
    current.length >= highest.length;
    current = runtime.parentOf(current)
  ) {
    try {
      await runtime.removeFolder(current);
    } catch {
      return;
    }
    if (current === highest || runtime.parentOf(current) === current) return;
  }
}
