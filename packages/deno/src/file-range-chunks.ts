import {
  FileChunkPool,
  type FileRangeChunks,
  fileRangeChunks as readChunks,
} from "@luml/core/internal";
import { CheckedFile } from "./checked-file.ts";
import type { FileSnapshot } from "./file-snapshot.ts";

/**
 * Bytes read per step: upload progress is reported per chunk written, and 64 KiB
 * steps report it as finely as core does for any other body.
 */
export const chunkSize = 64 * 1024;

/**
 * The buffers that uploads' file reads share: for each part in flight one being
 * written, one handed over and one being read, at the default 4 parts in flight,
 * with room to spare (1 MiB at most kept).
 */
const pool = new FileChunkPool({ chunkSize, kept: 16 });

/**
 * Bytes `[start, end)` of the file at `path` as 64 KiB chunks for a request body,
 * read front to back into reused buffers (core's `fileRangeChunks`), held to
 * `snapshot` like `DenoFileBlob.stream()`: a changed file fails the iteration with
 * a `FileError` of code `changed`, before the range's last bytes. A part in flight
 * costs under 256 KiB whatever its size.
 */
export function fileRangeChunks(
  path: string,
  start: number,
  end: number,
  snapshot: FileSnapshot | undefined,
): FileRangeChunks {
  return readChunks(
    async () => {
      const file = await CheckedFile.open(path, snapshot, start);
      return {
        // Core reads the range in order, from `start`: the file's own position follows.
        readFully: (chunk) => file.readFully(chunk, end),
        check: () => file.check(),
        close: () => file.close(),
      };
    },
    start,
    end,
    pool,
  );
}
