/**
 * Parsing of POSIX pax extended header records (`"%d %s=%s\n"`), as Python's
 * `tarfile` reads them.
 */

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const SPACE = 0x20;
const EQUALS = 0x3d;

/**
 * Reads the records of a pax header's data into `into` (insertion order kept,
 * later records overriding earlier ones). Parsing stops at the first byte that
 * does not start a record, like tarfile; a record claiming length 0 is invalid.
 *
 * @returns `false` when a record is invalid.
 */
export function parsePaxRecords(data: Uint8Array, into: Map<string, string>): boolean {
  let position = 0;
  while (position < data.length) {
    const record = matchRecordStart(data, position);
    if (record === undefined) break;
    if (record.length === 0) return false;
    const valueStart = record.equalsAt + 1;
    const valueEnd = position + record.length - 1;
    const keyword = utf8.decode(data.subarray(record.keywordStart, record.equalsAt));
    const value = utf8.decode(data.subarray(valueStart, Math.max(valueStart, valueEnd)));
    into.set(keyword, value);
    position += record.length;
  }
  return true;
}

/** Matches `(\d+) ([^=]+)=` at `position`, the record start tarfile looks for. */
function matchRecordStart(
  data: Uint8Array,
  position: number,
): { length: number; keywordStart: number; equalsAt: number } | undefined {
  let cursor = position;
  let length = 0;
  while (cursor < data.length && isDigit(data[cursor])) {
    length = length * 10 + ((data[cursor] ?? DIGIT_0) - DIGIT_0);
    cursor++;
  }
  if (cursor === position || data[cursor] !== SPACE) return undefined;
  const keywordStart = cursor + 1;
  const equalsAt = data.indexOf(EQUALS, keywordStart);
  if (equalsAt === -1 || equalsAt === keywordStart) return undefined;
  return { length, keywordStart, equalsAt };
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= DIGIT_0 && byte <= DIGIT_9;
}

/** Parses a pax number as Python's `int(value)`; `undefined` when it is not one. */
export function parsePaxInteger(value: string): number | undefined {
  const match = /^\s*([+-]?)(\d+(?:_\d+)*)\s*$/.exec(value);
  if (match === null) return undefined;
  const magnitude = Number(BigInt((match[2] ?? "0").replaceAll("_", "")));
  return match[1] === "-" ? -magnitude : magnitude;
}
