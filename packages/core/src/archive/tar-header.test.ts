import { describe, expect, it } from "vitest";
import {
  blockAlign,
  decodeNumber,
  headerChecksums,
  parseTarHeader,
  TarHeaderError,
} from "./tar-header";

const ascii = (text: string) => new TextEncoder().encode(text);

/** A ustar header block with a valid (unsigned) checksum. */
function header(fields: { name?: string; size?: number; type?: string; prefix?: string }) {
  const block = new Uint8Array(512);
  block.set(ascii(fields.name ?? "file.txt"), 0);
  block.set(ascii("0000644\0"), 100);
  block.set(ascii(`${(fields.size ?? 0).toString(8).padStart(11, "0")}\0`), 124);
  block.set(ascii(fields.type ?? "0"), 156);
  block.set(ascii("ustar\u000000"), 257);
  if (fields.prefix) block.set(ascii(fields.prefix), 345);
  sign(block);
  return block;
}

function sign(block: Uint8Array, which: 0 | 1 = 0) {
  const sum = headerChecksums(block)[which];
  block.set(ascii(`${(sum & 0o7777777).toString(8).padStart(6, "0")}\0 `), 148);
}

describe("decodeNumber", () => {
  it("reads octal text, padded with NULs or spaces, empty as 0", () => {
    expect(decodeNumber(ascii("00000001750\0"))).toBe(1000);
    expect(decodeNumber(ascii("   1750 \0\0\0\0"))).toBe(1000);
    expect(decodeNumber(new Uint8Array(12))).toBe(0);
  });

  it("reads GNU base-256 numbers beyond octal's 8 GiB", () => {
    const field = new Uint8Array(12);
    field[0] = 0x80;
    const size = 9 * 1024 ** 3 + 123;
    new DataView(field.buffer).setBigUint64(4, BigInt(size));
    expect(decodeNumber(field)).toBe(size);
    const negative = new Uint8Array(8).fill(0xff);
    expect(decodeNumber(negative)).toBe(-1);
  });

  it("rejects text that is not octal", () => {
    expect(() => decodeNumber(ascii("00000001789\0"))).toThrow(TarHeaderError);
    expect(() => decodeNumber(new Uint8Array([0x31, 0xc3, 0xa9, 0]))).toThrow(TarHeaderError);
  });
});

describe("parseTarHeader", () => {
  it("joins the ustar prefix and the name", () => {
    const parsed = parseTarHeader(header({ name: "c.txt", prefix: "a/b", size: 700 }));
    expect(parsed).toMatchObject({ name: "a/b/c.txt", size: 700, type: "0" });
  });

  it("treats an old V7 file named with a trailing slash as a directory", () => {
    const parsed = parseTarHeader(header({ name: "folder//", type: "\0" }));
    expect(parsed).toMatchObject({ name: "folder", type: "5" });
  });

  it("accepts the signed-byte checksum old Sun tars wrote", () => {
    const block = header({ name: "café.txt" });
    sign(block, 1);
    expect(headerChecksums(block)[0]).not.toBe(headerChecksums(block)[1]);
    expect(parseTarHeader(block).name).toBe("café.txt");
  });

  it("rejects a block whose checksum does not match", () => {
    const block = header({ name: "file.txt" });
    block[0] = 0x46;
    expect(() => parseTarHeader(block)).toThrow("bad header checksum");
  });

  it.each([
    ["mode", 100],
    ["uid", 108],
    ["gid", 116],
    ["size", 124],
    ["mtime", 136],
    ["devmajor", 329],
    ["devminor", 337],
  ])("rejects a header whose %s field is malformed, as tarfile does", (_field, offset) => {
    const block = header({});
    block.set(ascii("9999999\0"), offset);
    sign(block);
    expect(() => parseTarHeader(block)).toThrow("invalid numeric field");
  });
});

describe("blockAlign", () => {
  it("rounds up to whole 512-byte blocks", () => {
    expect([0, 1, 512, 513, 834].map(blockAlign)).toEqual([0, 512, 512, 1024, 1024]);
  });
});
