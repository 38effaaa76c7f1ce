import {
  FileChunkPool,
  type FileRangeChunks,
  fileRangeChunks as readChunks,
} from "@luml/core/internal";
import { CheckedFile } from "./checked-file";
import type { FileSnapshot } from "./file-snapshot";

/**
 * Bytes read per step: small enough that the chunks a part holds (one being
 * written, one handed over, one being read) cost little, large enough that reads
 * and writes stay few. Uploads are as fast as with 1 MiB steps.
 */
export const chunkSize = 256 * 1024;

/**
 * The buffers that uploads' file reads share: for each part in flight one being
 * written, one handed over and one being read, at the default 4 parts in flight,
 * with room to spare (4 MiB at most kept). Chunks are `Buffer` views, which
 * `node:http` writes without converting.
 */
const pool = new FileChunkPool({
  chunkSize,
  kept: 16,
  view: (buffer, length) => Buffer.from(buffer, 0, length),
});

/**
 * Bytes `[start, end)` of the file at `path` as 256 KiB chunks for a request body,
 * read with positioned reads into reused buffers (core's `fileRangeChunks`), held
 * to `snapshot` like {@link FileRangeStream}: a changed file fails the iteration
 * with a `FileError` of code `changed`, before the range's last bytes. A part in
 * flight costs under 1 MiB whatever its size.
 */
export function fileRangeChunks(
  path: string,
  start: number,
  end: number,
  snapshot: FileSnapshot | undefined,
): FileRangeChunks<Buffer> {
  return readChunks(
    async () => {
      const file = await CheckedFile.open(path, snapshot);
      return {
        async readFully(chunk, position) {
          for (let filled = 0; filled < chunk.byteLength; ) {
            filled += await file.read(chunk.subarray(filled), position + filled, end);
          }
        },
        check: () => file.check(),
        close: () => file.close(),
      };
    },
    start,
    end,
    pool,
  );
}
