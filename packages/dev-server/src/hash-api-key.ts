import { createHash } from "node:crypto";

/** Keys are stored hashed, so the database never holds one in clear except the seed record. */
export function hashApiKey(apiKey: string): string {
  return createHash("sha256").update(apiKey).digest("hex");
}
