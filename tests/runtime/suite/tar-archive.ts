/**
 * Builds LUML artifact archives in memory with web-standard APIs only, so every
 * runtime under test makes its own files the same way.
 */
import { createTar } from "nanotar";

/** One member of a tar archive. */
export interface TarEntry {
  /** Member name (ASCII, under 100 bytes). */
  name: string;
  data: Uint8Array;
}

const encoder = new TextEncoder();

/** An uncompressed ustar archive of `entries` (nanotar: the tests' one tar writer). */
export function buildTar(entries: readonly TarEntry[]): Uint8Array {
  return createTar(entries.map(({ name, data }) => ({ name, data, attrs: { mode: "644" } })));
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
