/**
 * Decoding of one 512-byte tar header block, field by field as Python's
 * `tarfile.TarInfo.frombuf` does, so that the index the SDK computes equals the
 * one the official client computes.
 */

/** The size of a tar block; headers and data are laid out in whole blocks. */
export const BLOCK_SIZE = 512;

/** A header block that failed to decode; the caller adds where and in which file. */
export class TarHeaderError extends Error {
  /** Creates the error with a short reason ("bad header checksum"). */
  constructor(reason: string) {
    super(reason);
    this.name = "TarHeaderError";
  }
}

/** The fields of a decoded header block that indexing needs. */
export interface TarHeader {
  /** The member path, with the ustar prefix joined and directory slashes removed. */
  name: string;
  /** The link target of hard and symbolic links. */
  linkname: string;
  /** The type flag as a one-character string (`"0"`, `"\0"`, `"5"`, `"x"`…). */
  type: string;
  /** The size field: how many data bytes follow the header. */
  size: number;
  /** Old GNU sparse members (`"S"`): whether extension blocks follow the header. */
  sparseExtended: boolean;
  /** Old GNU sparse members (`"S"`): the size of the file once expanded. */
  sparseRealSize: number;
}

/** Type flags of members whose data is a file's contents (`tarfile.REGULAR_TYPES`). */
const REGULAR_TYPES = new Set(["0", "\0", "7", "S"]);
/** Type flags `tarfile` knows; data of unknown types is skipped like a file's. */
const SUPPORTED_TYPES = new Set(["0", "\0", "1", "2", "5", "6", "7", "3", "4", "L", "K", "S"]);
/** GNU type flags whose prefix area holds other data than a path prefix. */
const GNU_TYPES = new Set(["L", "K", "S"]);

/** Whether members of this type are regular files (the ones `file_index` lists). */
export function isRegularType(type: string): boolean {
  return REGULAR_TYPES.has(type);
}

/** Whether members of this type are directories. */
export function isDirectoryType(type: string): boolean {
  return type === "5";
}

/** Whether data blocks follow a member of this type (regular or unknown types). */
export function hasDataBlocks(type: string): boolean {
  return REGULAR_TYPES.has(type) || !SUPPORTED_TYPES.has(type);
}

/** Rounds a byte count up to whole blocks. */
export function blockAlign(count: number): number {
  return Math.ceil(count / BLOCK_SIZE) * BLOCK_SIZE;
}

/** Whether a header block is all zeros (the end-of-archive marker). */
export function isZeroBlock(block: Uint8Array): boolean {
  for (let index = 0; index < block.length; index++) {
    if (block[index] !== 0) return false;
  }
  return true;
}

// Member names are decoded as UTF-8 (tarfile's default); a BOM is a name's own byte.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
const ascii = new TextDecoder("ascii");

/** Decodes a NUL-terminated string field as `tarfile.nts` does. */
export function decodeString(field: Uint8Array): string {
  const end = field.indexOf(0);
  return utf8.decode(end === -1 ? field : field.subarray(0, end));
}

/** Python's `str.strip()` on ASCII text: tab to carriage return, 0x1c to 0x1f, space. */
function stripPythonWhitespace(text: string): string {
  const isSpace = (code: number) =>
    (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x20);
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}
/** What Python's `int(text, 8)` accepts. */
const PYTHON_OCTAL = /^([+-]?)(?:0[oO]_?)?([0-7]+(?:_[0-7]+)*)$/;

/**
 * Decodes a numeric field as `tarfile.nti` does: octal text, or GNU base-256
 * (first byte 0x80 positive, 0xff negative) for values octal cannot hold, such
 * as sizes over 8 GiB.
 */
export function decodeNumber(field: Uint8Array): number {
  const first = field[0];
  if (first === 0x80 || first === 0xff) {
    let value = 0n;
    for (let index = 1; index < field.length; index++) {
      value = (value << 8n) + BigInt(field[index] ?? 0);
    }
    if (first === 0xff) value -= 256n ** BigInt(field.length - 1);
    return Number(value);
  }
  const end = field.indexOf(0);
  const bytes = end === -1 ? field : field.subarray(0, end);
  if (bytes.some((byte) => byte > 0x7f)) throw new TarHeaderError("invalid numeric field");
  const text = stripPythonWhitespace(ascii.decode(bytes));
  if (text === "") return 0;
  const match = PYTHON_OCTAL.exec(text);
  if (match === null) throw new TarHeaderError("invalid numeric field");
  const magnitude = Number.parseInt((match[2] ?? "").replaceAll("_", ""), 8);
  return match[1] === "-" ? -magnitude : magnitude;
}

/**
 * The two checksums tar writers use: the byte sum with the checksum field read
 * as spaces, over unsigned bytes and (old Sun and NeXT tars) signed bytes.
 */
export function headerChecksums(block: Uint8Array): [unsigned: number, signed: number] {
  let unsigned = 256;
  let signed = 256;
  for (let index = 0; index < BLOCK_SIZE; index++) {
    if (index >= 148 && index < 156) continue;
    const byte = block[index] ?? 0;
    unsigned += byte;
    signed += byte > 0x7f ? byte - 256 : byte;
  }
  return [unsigned, signed];
}

/**
 * Decodes a non-zero 512-byte header block. Throws `TarHeaderError` when its
 * checksum or a numeric field is invalid.
 */
export function parseTarHeader(block: Uint8Array): TarHeader {
  let checksum: number;
  try {
    checksum = decodeNumber(block.subarray(148, 156));
  } catch {
    throw new TarHeaderError("bad header checksum");
  }
  if (!headerChecksums(block).includes(checksum)) {
    throw new TarHeaderError("bad header checksum");
  }
  // tarfile rejects a header when any numeric field is malformed, not just the size.
  for (const [start, end] of NUMERIC_FIELDS) decodeNumber(block.subarray(start, end));
  const size = decodeNumber(block.subarray(124, 136));
  if (size < 0) throw new TarHeaderError("negative size field");

  let type = String.fromCharCode(block[156] ?? 0);
  let name = decodeString(block.subarray(0, 100));
  // Old V7 archives mark a directory as a plain file whose name ends in a slash.
  if (type === "\0" && name.endsWith("/")) type = "5";
  if (isDirectoryType(type)) name = trimTrailingSlashes(name);
  const prefix = decodeString(block.subarray(345, 500));
  if (prefix !== "" && !GNU_TYPES.has(type)) name = `${prefix}/${name}`;

  const isSparse = type === "S";
  return {
    name,
    linkname: decodeString(block.subarray(157, 257)),
    type,
    size,
    sparseExtended: isSparse && block[482] !== 0,
    sparseRealSize: isSparse ? decodeNumber(block.subarray(483, 495)) : 0,
  };
}

/** mode, uid, gid, mtime, devmajor, devminor. */
const NUMERIC_FIELDS: ReadonlyArray<readonly [number, number]> = [
  [100, 108],
  [108, 116],
  [116, 124],
  [136, 148],
  [329, 337],
  [337, 345],
];

/** Removes every trailing slash, as Python's `rstrip("/")`. */
export function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  return path.slice(0, end);
}
