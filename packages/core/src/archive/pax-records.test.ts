import { describe, expect, it } from "vitest";
import { parsePaxInteger, parsePaxRecords } from "./pax-records";

const encode = (text: string) => new TextEncoder().encode(text);

/** Builds a pax record with its self-inclusive length prefix. */
function record(keyword: string, value: string): string {
  const body = ` ${keyword}=${value}\n`;
  const bodyLength = encode(body).length;
  let length = bodyLength + 1;
  while (String(length).length + bodyLength !== length) length++;
  return `${length}${body}`;
}

describe("parsePaxRecords", () => {
  it("reads UTF-8 records in order, later ones overriding", () => {
    const path = `modèles/${"é".repeat(80)}.bin`;
    const records = new Map<string, string>([["comment", "global"]]);
    const data = encode(record("path", path) + record("size", "42") + record("comment", "local"));
    expect(parsePaxRecords(data, records)).toBe(true);
    expect([...records]).toEqual([
      ["comment", "local"],
      ["path", path],
      ["size", "42"],
    ]);
  });

  it("keeps '=' and newlines inside values", () => {
    const records = new Map<string, string>();
    parsePaxRecords(encode(record("LUML.note", "a=b\nc")), records);
    expect(records.get("LUML.note")).toBe("a=b\nc");
  });

  it("stops at padding and rejects a zero-length record", () => {
    const records = new Map<string, string>();
    const padded = new Uint8Array(512);
    padded.set(encode(record("path", "x")));
    expect(parsePaxRecords(padded, records)).toBe(true);
    expect(records.size).toBe(1);
    expect(parsePaxRecords(encode("0 path=x\n"), new Map())).toBe(false);
  });
});

describe("parsePaxInteger", () => {
  it("parses what Python's int() parses", () => {
    expect(parsePaxInteger("9663676539")).toBe(9663676539);
    expect(parsePaxInteger(" 1_000 ")).toBe(1000);
    expect(parsePaxInteger("12abc")).toBeUndefined();
  });
});
