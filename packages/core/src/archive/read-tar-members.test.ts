/// <reference types="node" />
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ArchiveFixtures, makeArchiveFixtures } from "../../test/fixtures/archive/fixtures";
import { FileError } from "../errors";
import { BlobWindow } from "./blob-window";
import { readTarMembers, type TarMember } from "./read-tar-members";

let fixtures: ArchiveFixtures;
beforeAll(async () => {
  fixtures = await makeArchiveFixtures({ many: 10_000 });
}, 120_000);
afterAll(() => fixtures?.remove());

async function regularMembers(blob: Blob, reader = new BlobWindow(blob)) {
  const members: [string, number, number][] = [];
  for await (const member of readTarMembers(reader, "fixture.tar")) {
    if (member.isRegular) members.push([member.name, member.offsetData, member.size]);
  }
  return members;
}

async function allMembers(blob: Blob): Promise<TarMember[]> {
  const members: TarMember[] = [];
  for await (const member of readTarMembers(new BlobWindow(blob))) members.push(member);
  return members;
}

describe("readTarMembers against Python's tarfile", () => {
  const formats = [
    "ustar.tar",
    "gnu.tar",
    "pax.tar",
    "pax-global-path.tar",
    "v7.tar",
    "big-gnu.tar",
    "big-pax.tar",
    "sparse-gnu.tar",
    "sparse-pax-0.0.tar",
    "sparse-pax-0.1.tar",
    "sparse-pax-1.0.tar",
    "model.fnnx",
  ];

  it.each(formats)("%s: same regular members, offsets and sizes", async (name) => {
    const expected = fixtures.expected[name];
    expect(expected, `${name} was written`).toBeDefined();
    expect(await regularMembers(await fixtures.open(name))).toEqual(expected);
  });

  it("reads ustar prefixes, links and devices, and leaves non-files out", async () => {
    const members = await allMembers(await fixtures.open("ustar.tar"));
    const byName = new Map(members.map((member) => [member.name, member]));
    expect(byName.get("data")?.type).toBe("5");
    expect(byName.get("data/link-to-empty")).toMatchObject({ type: "2", linkname: "empty.bin" });
    expect(byName.get("data/hard")).toMatchObject({ type: "1", isRegular: false });
    expect(byName.get("data/tty")?.isRegular).toBe(false);
    expect(members.some((member) => member.name.endsWith("/prefixed.txt"))).toBe(true);
  });

  it("reads GNU long link targets and pax link paths", async () => {
    const gnu = await allMembers(await fixtures.open("gnu.tar"));
    expect(gnu.find((member) => member.name === "short-link")?.linkname).toBe("t".repeat(150));
    expect(gnu.find((member) => member.name === "l".repeat(130))?.linkname).toBe("k".repeat(130));
    expect(gnu.find((member) => member.type === "5")?.name).toBe("d".repeat(120));
    const pax = await allMembers(await fixtures.open("pax.tar"));
    expect(pax.find((member) => member.name === "ünicode-link")?.linkname).toBe("l".repeat(200));
  });

  it("reports the 9 GiB member of a base-256 header and the member after it", async () => {
    const members = await regularMembers(await fixtures.open("big-gnu.tar"));
    expect(members[1]).toEqual(["weights/huge.bin", 1024, 9 * 1024 ** 3 + 123]);
    expect(members[2]?.[0]).toBe("manifest.json");
  });

  it("indexes 10,000 small members with few reads of the file", async () => {
    const blob = await fixtures.open("many.tar");
    const reader = new BlobWindow(blob);
    const members = await regularMembers(blob, reader);
    expect(members).toHaveLength(10_001);
    expect(members).toEqual(fixtures.expected["many.tar"]);
    // Windowed: each read covers dozens of headers, not one.
    expect(reader.reads).toBeLessThan(blob.size / (32 * 1024));
  });

  it("jumps over big members instead of reading them", async () => {
    const blob = await fixtures.open("big-pax.tar");
    const reader = new BlobWindow(blob);
    await regularMembers(blob, reader);
    expect(reader.reads).toBeLessThanOrEqual(3);
  });

  it("rejects a file that is not a tar archive, naming the byte", async () => {
    const text = new Blob(["x".repeat(2048)]);
    await expect(allMembers(text)).rejects.toThrowError(
      /is not a tar archive \(bad header checksum at byte 0\)/,
    );
  });
});

describe("readTarMembers on damaged archives", () => {
  async function failure(bytes: Uint8Array<ArrayBuffer>): Promise<FileError> {
    const error = await regularMembers(new Blob([bytes])).catch((caught: unknown) => caught);
    expect(FileError.isInstance(error)).toBe(true);
    return error as FileError;
  }

  it("reports a header cut short", async () => {
    const bytes = await fixtures.bytes("model.fnnx");
    const [, envOffset = 0] = fixtures.expected["model.fnnx"]?.[1] ?? [];
    const nextHeader = envOffset + 512;
    const error = await failure(bytes.subarray(0, nextHeader + 100));
    expect(error.code).toBe("truncated");
    expect(error.message).toContain(`header at byte ${nextHeader}`);
  });

  it("reports a member whose data is cut short", async () => {
    const bytes = await fixtures.bytes("model.fnnx");
    const [name, offset = 0, size] = fixtures.expected["model.fnnx"]?.[3] ?? [];
    expect(name).toBe("ops.json");
    const error = await failure(bytes.subarray(0, offset + 100));
    expect(error.code).toBe("truncated");
    expect(error.message).toBe(
      `fixture.tar is truncated: member ops.json needs ${size} bytes at ${offset} but the file ends at ${offset + 100}. Re-create or re-download the file.`,
    );
  });

  it("reports a damaged header in the middle of the archive", async () => {
    const bytes = (await fixtures.bytes("ustar.tar")).slice();
    bytes[1024 + 3] = 0x41; // the second header's name
    const error = await failure(bytes);
    expect(error.code).toBe("not_a_tar");
    expect(error.message).toContain("bad header checksum at byte 1024");
  });

  it("reports an empty file and a gzip file", async () => {
    expect((await failure(new Uint8Array(0))).message).toContain("is empty");
    const gzip = new Uint8Array(1024);
    gzip.set([0x1f, 0x8b, 0x08]);
    const error = await failure(gzip);
    expect(error.code).toBe("not_a_tar");
    expect(error.message).toContain("gzip-compressed");
  });

  it("reports an extended header with no member after it", async () => {
    const bytes = await fixtures.bytes("pax.tar");
    // The global header and its data, then end-of-archive zeros.
    const cut = new Uint8Array(1024 + 1024);
    cut.set(bytes.subarray(0, 1024));
    const error = await failure(cut);
    expect(error.code).toBe("not_a_tar");
  });

  it("accepts an archive that ends at a header boundary without end blocks", async () => {
    const bytes = await fixtures.bytes("v7.tar");
    const members = await regularMembers(new Blob([bytes.subarray(0, bytes.length - 1024)]));
    expect(members).toEqual(fixtures.expected["v7.tar"]);
  });
});
