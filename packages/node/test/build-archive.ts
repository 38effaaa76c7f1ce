import { createHash, randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";

/** One member of a test tar archive. */
export interface TarEntry {
  name: string;
  data: Uint8Array;
}

/** Builds an uncompressed ustar archive. */
export function buildTar(entries: readonly TarEntry[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const entry of entries) {
    blocks.push(tarHeader(entry.name, entry.data.byteLength));
    blocks.push(entry.data);
    const padding = (512 - (entry.data.byteLength % 512)) % 512;
    if (padding) blocks.push(new Uint8Array(padding));
  }
  blocks.push(new Uint8Array(1024));
  return Buffer.concat(blocks);
}

function tarHeader(name: string, size: number): Uint8Array {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, "utf8");
  header.write("0000644\0", 100, "ascii");
  header.write("0000000\0", 108, "ascii");
  header.write("0000000\0", 116, "ascii");
  header.write(`${size.toString(8).padStart(11, "0")}\0`, 124, "ascii");
  header.write(
    `${Math.floor(Date.now() / 1000)
      .toString(8)
      .padStart(11, "0")}\0`,
    136,
    "ascii",
  );
  header.write("        ", 148, "ascii");
  header.write("0", 156, "ascii");
  header.write("ustar\0", 257, "ascii");
  header.write("00", 263, "ascii");
  let checksum = 0;
  for (const byte of header) checksum += byte;
  header.write(`${checksum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return header;
}

/** A model artifact in the LUML-artifact form with an `F1` metric and an ops blob of `opsSize` random bytes. */
export function buildModelArchive(opsSize: number, f1 = 0.91): Uint8Array {
  const manifest = {
    artifact_type: "model",
    variant: "pipeline",
    name: "test-model",
    version: "1.0.0",
    producer_name: "luml-sdk-tests",
    producer_version: "0.0.0",
    producer_tags: [],
    payload: {},
  };
  const meta = [
    { producer_tags: ["dataforce.studio::registry_metrics:v1"], payload: { metrics: { F1: f1 } } },
  ];
  const encoder = new TextEncoder();
  return buildTar([
    { name: "manifest.json", data: encoder.encode(JSON.stringify(manifest)) },
    { name: "meta.json", data: encoder.encode(JSON.stringify(meta)) },
    { name: "ops.bin", data: randomBytes(opsSize) },
  ]);
}

/** Writes `data` to `path` and returns its sha256 hex. */
export async function writeArchive(path: string, data: Uint8Array): Promise<string> {
  await writeFile(path, data);
  return sha256Hex(data);
}

/** sha256 hex of bytes. */
export function sha256Hex(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
