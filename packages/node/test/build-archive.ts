import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import {
  buildModelArchive as buildSuiteModelArchive,
  buildTar,
  type TarEntry,
} from "../../../tests/runtime/suite/tar-archive";

// The tests' one tar writer lives with the runtime suite; this file adds what the
// Node tests need on top of it (a default metric, writing to disk, node:crypto).
export { buildTar, type TarEntry };

/** A model artifact with an `F1` metric and an ops blob of `opsSize` random bytes. */
export function buildModelArchive(opsSize: number, f1 = 0.91): Uint8Array {
  return buildSuiteModelArchive(opsSize, { F1: f1 });
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
