/**
 * The 512-byte ustar header of one regular file. Artifact files are plain,
 * uncompressed POSIX tar archives, so a header plus the padded data is all a
 * member needs.
 */
export const TAR_BLOCK_SIZE = 512;

/** Fields of a regular-file member header. */
export interface TarHeaderOptions {
  /** The member path inside the archive, at most 100 bytes (no prefix field needed here). */
  path: string;
  /** The member's data length in bytes. */
  size: number;
  /** Modification time; defaults to now. */
  modifiedAt?: Date;
}

/** Builds the ustar header block of a regular file. */
export function tarHeader(options: TarHeaderOptions): Uint8Array {
  const path = new TextEncoder().encode(options.path);
  if (path.length > 100)
    throw new Error(`Tar member path is longer than 100 bytes: ${options.path}`);
  const header = new Uint8Array(TAR_BLOCK_SIZE);
  const mtime = Math.floor((options.modifiedAt ?? new Date()).getTime() / 1000);
  header.set(path, 0);
  writeOctal(header, 100, 8, 0o644); // mode
  writeOctal(header, 108, 8, 0); // uid
  writeOctal(header, 116, 8, 0); // gid
  writeOctal(header, 124, 12, options.size);
  writeOctal(header, 136, 12, mtime);
  header[156] = "0".charCodeAt(0); // typeflag: regular file
  writeText(header, 257, "ustar\u0000"); // magic
  writeText(header, 263, "00"); // version
  writeText(header, 265, "luml");
  writeText(header, 297, "luml");
  // The checksum is computed with its own field read as eight spaces.
  header.fill(0x20, 148, 156);
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  writeText(header, 148, `${checksum.toString(8).padStart(6, "0")}\u0000 `);
  return header;
}

/** Zero bytes that pad a member's data up to a whole block. */
export function tarPadding(size: number): Uint8Array {
  const remainder = size % TAR_BLOCK_SIZE;
  return new Uint8Array(remainder === 0 ? 0 : TAR_BLOCK_SIZE - remainder);
}

/** Writes a zero-padded, NUL-terminated octal number filling `length` bytes. */
function writeOctal(block: Uint8Array, offset: number, length: number, value: number): void {
  writeText(block, offset, `${value.toString(8).padStart(length - 1, "0")}\u0000`);
}

function writeText(block: Uint8Array, offset: number, text: string): void {
  block.set(new TextEncoder().encode(text), offset);
}
