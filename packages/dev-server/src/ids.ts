import { randomBytes } from "node:crypto";

/**
 * A UUIDv7-style id: 48 bits of Unix milliseconds, then random bits, so ids sort
 * roughly by creation time like the service's.
 */
export function createId(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A fresh API key in the service's `dfs_…` form. */
export function createApiKey(): string {
  return `dfs_${randomBytes(24).toString("base64url")}`;
}

/** The 32-hex `unique_identifier` that prefixes an artifact's object key. */
export function createUniqueIdentifier(): string {
  return randomBytes(16).toString("hex");
}

let lastMicros = 0;

/**
 * An ISO-8601 timestamp with microseconds, as the service writes them; strictly
 * increasing within the process so creation order survives sorting.
 */
export function timestamp(date: Date = new Date()): string {
  let micros = date.getTime() * 1000;
  if (micros <= lastMicros) micros = lastMicros + 1;
  lastMicros = micros;
  const whole = new Date(Math.floor(micros / 1000)).toISOString();
  return whole.replace("Z", `${String(micros % 1000).padStart(3, "0")}Z`);
}
