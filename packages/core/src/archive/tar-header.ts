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
  return decodeStringAt(field, 0, field.length);
}

/**
 * `decodeString` of `block[start, end)` without a view: ASCII names (nearly all)
 * are built from their bytes; anything else goes through the UTF-8 decoder.
 */
function decodeStringAt(block: Uint8Array, start: number, end: number): string {
  let stop = start;
  let ascii = true;
  for (; stop < end; stop++) {
    const byte = block[stop] as number;
    if (byte === 0) break;
    if (byte > 0x7f) ascii = false;
  }
  if (stop === start) return "";
  if (!ascii) return utf8.decode(block.subarray(start, stop));
  return String.fromCharCode.apply(null, block.subarray(start, stop) as unknown as number[]);
}

/** Python's `str.strip()` whitespace among ASCII bytes: tab to carriage return, 0x1c to 0x1f, space. */
function isPythonSpace(code: number): boolean {
  return (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x20);
}

/** Python's `str.strip()` on ASCII text. */
function stripPythonWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPythonSpace(text.charCodeAt(start))) start++;
  while (end > start && isPythonSpace(text.charCodeAt(end - 1))) end--;
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
  return decodeNumberAt(field, 0, field.length);
}

/**
 * `decodeNumber` of `block[start, end)`, read from the bytes: optional Python
 * whitespace, octal digits, optional whitespace, then NUL or the field's end.
 * Other text (signs, `0o`, underscores, or invalid) takes the exact, slower path.
 */
function decodeNumberAt(block: Uint8Array, start: number, end: number): number {
  const first = block[start];
  if (first === 0x80 || first === 0xff) return decodeBase256(block.subarray(start, end));
  let index = start;
  while (index < end && isPythonSpace(block[index] as number)) index++;
  let value = 0;
  for (; index < end; index++) {
    const byte = block[index] as number;
    if (byte < 0x30 || byte > 0x37) break;
    value = value * 8 + (byte - 0x30);
  }
  while (index < end && isPythonSpace(block[index] as number)) index++;
  if (index === end || block[index] === 0) return value;
  return decodeNumberText(block.subarray(start, end));
}

function decodeBase256(field: Uint8Array): number {
  let value = 0n;
  for (let index = 1; index < field.length; index++) {
    value = (value << 8n) + BigInt(field[index] ?? 0);
  }
  if (field[0] === 0xff) value -= 256n ** BigInt(field.length - 1);
  return Number(value);
}

function decodeNumberText(field: Uint8Array): number {
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
  const unsigned = unsignedChecksum(block);
  return [unsigned, signedChecksum(block, unsigned)];
}

function unsignedChecksum(block: Uint8Array): number {
  let sum = 256;
  if (block.byteOffset % 4 === 0) {
    // Four bytes per step: two 16-bit lanes of byte pairs (at most 128 × 510, no carry).
    const words = new Uint32Array(block.buffer, block.byteOffset, BLOCK_SIZE / 4);
    let lanes = 0;
    for (let index = 0; index < BLOCK_SIZE / 4; index++) {
      const word = words[index] as number;
      lanes += (word & 0x00ff00ff) + ((word >>> 8) & 0x00ff00ff);
    }
    sum += (lanes & 0xffff) + (lanes >>> 16);
    for (let index = 148; index < 156; index++) sum -= block[index] as number;
    return sum;
  }
  for (let index = 0; index < 148; index++) sum += block[index] as number;
  for (let index = 156; index < BLOCK_SIZE; index++) sum += block[index] as number;
  return sum;
}

/** The signed sum: the unsigned one less 256 for every byte above 0x7f. */
function signedChecksum(block: Uint8Array, unsigned: number): number {
  let high = 0;
  for (let index = 0; index < BLOCK_SIZE; index++) {
    if (index === 148) index = 156;
    if ((block[index] as number) > 0x7f) high++;
  }
  return unsigned - 256 * high;
}

/** `[start, end)` of the numeric fields only checked: mode, uid, gid, mtime, devmajor, devminor. */
const CHECKED_FIELDS = [100, 108, 108, 116, 116, 124, 136, 148, 329, 337, 337, 345];

/**
 * Decodes a non-zero 512-byte header block. Throws `TarHeaderError` when its
 * checksum or a numeric field is invalid.
 */
export function parseTarHeader(block: Uint8Array): TarHeader {
  let checksum: number;
  try {
    checksum = decodeNumberAt(block, 148, 156);
  } catch {
    throw new TarHeaderError("bad header checksum");
  }
  const unsigned = unsignedChecksum(block);
  if (checksum !== unsigned && checksum !== signedChecksum(block, unsigned)) {
    throw new TarHeaderError("bad header checksum");
  }
  // tarfile rejects a header when any numeric field is malformed, not just the size.
  // One call site in a loop: inlined once, it keeps the JIT's compile of the
  // header parser small, which is most of a first indexing's CPU time.
  for (let field = 0; field < CHECKED_FIELDS.length; field += 2) {
    decodeNumberAt(block, CHECKED_FIELDS[field] as number, CHECKED_FIELDS[field + 1] as number);
  }
  const size = decodeNumberAt(block, 124, 136);
  if (size < 0) throw new TarHeaderError("negative size field");

  let type = String.fromCharCode(block[156] ?? 0);
  let name = decodeStringAt(block, 0, 100);
  // Old V7 archives mark a directory as a plain file whose name ends in a slash.
  if (type === "\0" && name.endsWith("/")) type = "5";
  if (isDirectoryType(type)) name = trimTrailingSlashes(name);
  if (block[345] !== 0 && !GNU_TYPES.has(type)) {
    const prefix = decodeStringAt(block, 345, 500);
    name = `${prefix}/${name}`;
  }

  const isSparse = type === "S";
  return {
    name,
    linkname: decodeStringAt(block, 157, 257),
    type,
    size,
    sparseExtended: isSparse && block[482] !== 0,
    sparseRealSize: isSparse ? decodeNumberAt(block, 483, 495) : 0,
  };
}

/** Removes every trailing slash, as Python's `rstrip("/")`. */
export function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  return path.slice(0, end);
}
