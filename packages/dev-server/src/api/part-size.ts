const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** The service's part size for a multipart upload of `size` bytes. */
export function defaultPartSize(size: number): number {
  if (size <= GIB) return 32 * MIB;
  if (size <= 5 * GIB) return 64 * MIB;
  if (size <= 10 * GIB) return 128 * MIB;
  if (size <= 100 * GIB) return 512 * MIB;
  return GIB;
}

/** One part of a multipart upload; `end_byte` is inclusive. */
export interface PartRange {
  part_number: number;
  start_byte: number;
  end_byte: number;
  part_size: number;
}

/** Splits `size` bytes into consecutive parts of `partSize` (the last may be shorter). */
export function splitIntoParts(size: number, partSize: number): PartRange[] {
  const parts: PartRange[] = [];
  const count = Math.max(1, Math.ceil(size / partSize));
  for (let index = 0; index < count; index++) {
    const start = index * partSize;
    const end = Math.min(size, start + partSize) - 1;
    parts.push({
      part_number: index + 1,
      start_byte: start,
      end_byte: end,
      part_size: end - start + 1,
    });
  }
  return parts;
}
