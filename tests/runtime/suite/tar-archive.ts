/**
 * Builds LUML artifact archives in memory with web-standard APIs only, so every
 * runtime under test makes its own files the same way.
 */

/** One member of a tar archive. */
export interface TarEntry {
  /** Member name (ASCII, under 100 bytes). */
  name: string;
  data: Uint8Array;
}

const blockSize = 512;
const encoder = new TextEncoder();

/** An uncompressed ustar archive of `entries`, ending with the two zero blocks. */
export function buildTar(entries: readonly TarEntry[]): Uint8Array {
  const padded = (size: number) => Math.ceil(size / blockSize) * blockSize;
  const total = entries.reduce((sum, entry) => sum + blockSize + padded(entry.data.byteLength), 0);
  const archive = new Uint8Array(total + 2 * blockSize);
  let offset = 0;
  for (const entry of entries) {
    archive.set(tarHeader(entry.name, entry.data.byteLength), offset);
    archive.set(entry.data, offset + blockSize);
    offset += blockSize + padded(entry.data.byteLength);
  }
  return archive;
}

function tarHeader(name: string, size: number): Uint8Array {
  const header = new Uint8Array(blockSize);
  const write = (text: string, at: number) => header.set(encoder.encode(text), at);
  const octal = (value: number, width: number) => `${value.toString(8).padStart(width, "0")}\0`;
  write(name, 0);
  write("0000644\0", 100);
  write("0000000\0", 108);
  write("0000000\0", 116);
  write(octal(size, 11), 124);
  write(octal(Math.floor(Date.now() / 1000), 11), 136);
  write("        ", 148);
  write("0", 156);
  write("ustar\0", 257);
  write("00", 263);
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  write(`${checksum.toString(8).padStart(6, "0")}\0 `, 148);
  return header;
}

/** `length` random bytes (`getRandomValues` fills at most 64 KiB per call). */
export function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  const step = 65_536;
  for (let offset = 0; offset < length; offset += step) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(offset + step, length)));
  }
  return bytes;
}

/**
 * A model artifact: `manifest.json`, a `meta.json` carrying `metrics` in the
 * registry-metrics form (so they become the artifact's `extra_values`), and an
 * `ops.bin` of `opsSize` random bytes.
 */
export function buildModelArchive(opsSize: number, metrics: Record<string, number>): Uint8Array {
  const manifest = {
    artifact_type: "model",
    variant: "pipeline",
    name: "runtime-suite-model",
    version: "1.0.0",
    producer_name: "luml-runtime-suite",
    producer_version: "0.0.0",
    producer_tags: [],
    payload: {},
  };
  const meta = [{ producer_tags: ["dataforce.studio::registry_metrics:v1"], payload: { metrics } }];
  return buildTar([
    { name: "manifest.json", data: encoder.encode(JSON.stringify(manifest)) },
    { name: "meta.json", data: encoder.encode(JSON.stringify(meta)) },
    { name: "ops.bin", data: randomBytes(opsSize) },
  ]);
}

/** Lower-case hex sha256 of `bytes` (Web Crypto, available in every runtime here). */
export async function sha256Hex(bytes: Uint8Array | Blob): Promise<string> {
  const buffer = bytes instanceof Blob ? await bytes.arrayBuffer() : bytes;
  const digest = await crypto.subtle.digest("SHA-256", buffer as BufferSource);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
