/** Deterministic bytes (a cheap pattern, not random) that Node and the page both build. */
export function patternBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let index = 0; index < size; index++) bytes[index] = (index * 31 + (index >> 13)) & 255;
  return bytes;
}

/** A blob size and the digest node:crypto computed for its pattern bytes. */
export interface HashCase {
  size: number;
  sha256: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    hashCases: Record<"large" | "small", HashCase>;
  }
}
