/// <reference types="node" />
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createWebSha256 } from "./create-sha256";
import { createDigestStreamSha256 } from "./digest-stream-sha256";
import { createJsSha256, JsSha256 } from "./sha256-js";

const text = new TextEncoder();

/** FIPS 180-4 example messages (NIST CSRC "Examples with intermediate values"). */
const nistVectors: [name: string, message: Uint8Array, digest: string][] = [
  [
    "the empty message",
    new Uint8Array(0),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  ],
  ['"abc"', text.encode("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  [
    "the 448-bit message",
    text.encode("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  ],
  [
    "the 896-bit message",
    text.encode(
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
    ),
    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
  ],
];

/** A seeded pseudo-random source (mulberry32), so a failure can be replayed. */
function randomSource(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return (((mixed ^ (mixed >>> 14)) >>> 0) % below) | 0;
  };
}

function randomBytes(length: number, random: (below: number) => number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index++) bytes[index] = random(256);
  return bytes;
}

function nodeSha256(...parts: Uint8Array[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
}

/** Feeds `bytes` to `sha256` in chunks of random sizes up to `maxChunk`. */
function feedInRandomChunks(
  sha256: { update(chunk: Uint8Array): void },
  bytes: Uint8Array,
  maxChunk: number,
  random: (below: number) => number,
): void {
  for (let offset = 0; offset < bytes.length; ) {
    const size = Math.min(random(maxChunk + 1), bytes.length - offset);
    sha256.update(bytes.subarray(offset, offset + size));
    offset += size;
  }
}

describe("JsSha256", () => {
  it.each(nistVectors)("hashes %s (FIPS 180-4 example)", async (_name, message, digest) => {
    const whole = new JsSha256();
    whole.update(message);
    expect(await whole.digest()).toBe(digest);

    const byteByByte = new JsSha256();
    for (let index = 0; index < message.length; index++) {
      byteByByte.update(message.subarray(index, index + 1));
    }
    expect(byteByByte.digestHex()).toBe(digest);
  });

  it("is what createJsSha256 returns", () => {
    expect(createJsSha256()).toBeInstanceOf(JsSha256);
  });

  it('hashes one million "a" (FIPS 180-4 example), whole and in odd chunks', async () => {
    const digest = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
    const message = new Uint8Array(1_000_000).fill(0x61);
    const whole = new JsSha256();
    whole.update(message);
    expect(await whole.digest()).toBe(digest);

    const chunked = new JsSha256();
    for (let offset = 0; offset < message.length; offset += 999) {
      chunked.update(message.subarray(offset, offset + 999));
    }
    expect(await chunked.digest()).toBe(digest);
  });

  it("matches node:crypto for every length from 0 to 300 bytes, in random chunks", async () => {
    const random = randomSource(1);
    for (let length = 0; length <= 300; length++) {
      const bytes = randomBytes(length, random);
      const expected = nodeSha256(bytes);

      const whole = new JsSha256();
      whole.update(bytes);
      expect(await whole.digest(), `length ${length}, whole`).toBe(expected);

      for (const maxChunk of [1, 3, 63, 64, 65, 130]) {
        const chunked = new JsSha256();
        feedInRandomChunks(chunked, bytes, maxChunk, random);
        expect(await chunked.digest(), `length ${length}, chunks ≤ ${maxChunk}`).toBe(expected);
      }
    }
  });

  it("matches node:crypto on a few MiB in random chunk sizes, at any alignment", async () => {
    const random = randomSource(2);
    // Starts one byte into a buffer, so no chunk's words are 4-byte aligned in memory.
    const backing = randomBytes(3 * 1024 * 1024 + 1000, random);
    const bytes = backing.subarray(1, 3 * 1024 * 1024 + 777);
    const expected = nodeSha256(bytes);
    for (const maxChunk of [100, 4096, 65_537, 1024 * 1024]) {
      const chunked = new JsSha256();
      feedInRandomChunks(chunked, bytes, maxChunk, random);
      expect(await chunked.digest(), `chunks ≤ ${maxChunk}`).toBe(expected);
    }
  });

  it("reads each chunk during update, so a caller may refill one buffer", async () => {
    const random = randomSource(3);
    const buffer = new Uint8Array(10_000);
    const expected = createHash("sha256");
    const sha256 = new JsSha256();
    for (let round = 0; round < 50; round++) {
      buffer.set(randomBytes(buffer.length, random));
      const start = random(100);
      const chunk = buffer.subarray(start, start + random(buffer.length - start));
      expected.update(chunk);
      sha256.update(chunk);
    }
    expect(await sha256.digest()).toBe(expected.digest("hex"));
  });

  it("writes the bit length's high word once past 2^32 bits (512 MiB)", async () => {
    const mebibyte = randomBytes(1024 * 1024, randomSource(4));
    const expected = createHash("sha256");
    const sha256 = new JsSha256();
    for (let count = 0; count < 513; count++) {
      expected.update(mebibyte);
      sha256.update(mebibyte);
    }
    const tail = mebibyte.subarray(0, 61);
    expected.update(tail);
    sha256.update(tail);
    expect(await sha256.digest()).toBe(expected.digest("hex"));
  });

  it("returns the same digest each time it is read, and refuses more input", async () => {
    const sha256 = new JsSha256();
    sha256.update(text.encode("abc"));
    const hex = await sha256.digest();
    expect(sha256.digestHex()).toBe(hex);
    expect(await sha256.digest()).toBe(hex);
    const bytes = sha256.digestBytes();
    expect(Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")).toBe(hex);
    bytes.fill(0);
    expect(sha256.digestHex()).toBe(hex);
    expect(() => sha256.update(new Uint8Array(1))).toThrow(/after the digest/);
  });
});

/**
 * workerd's `crypto.DigestStream`, rebuilt on node:crypto: each write is applied
 * a macrotask later, so writes queue up as they do against the native stream.
 */
class FakeDigestStream extends WritableStream<ArrayBufferView> {
  static instances = 0;
  readonly digest: Promise<ArrayBuffer>;

  constructor(algorithm: string) {
    if (algorithm !== "SHA-256") throw new TypeError(`unsupported: ${algorithm}`);
    const hash = createHash("sha256");
    let settle: { resolve(value: ArrayBuffer): void; reject(reason: unknown): void } | undefined;
    const digest = new Promise<ArrayBuffer>((resolve, reject) => {
      settle = { resolve, reject };
    });
    super({
      async write(chunk) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (chunk.byteLength === 13) throw new Error("write failed");
        hash.update(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      },
      close() {
        const result = hash.digest();
        settle?.resolve(result.buffer.slice(result.byteOffset, result.byteOffset + result.length));
      },
      abort(reason) {
        settle?.reject(reason);
      },
    });
    this.digest = digest;
    FakeDigestStream.instances++;
  }
}

describe("createDigestStreamSha256", () => {
  const webCrypto = globalThis.crypto as Crypto & { DigestStream?: unknown };

  function installDigestStream(value: unknown): void {
    Object.defineProperty(webCrypto, "DigestStream", { value, configurable: true });
  }

  afterEach(() => {
    Reflect.deleteProperty(webCrypto, "DigestStream");
  });

  it("is undefined where the runtime has no DigestStream, and createWebSha256 loads JsSha256 on first use", async () => {
    expect(createDigestStreamSha256()).toBeUndefined();
    const hash = createWebSha256();
    // Fed before the plain SHA-256 is loaded: the caller is asked to wait (nothing is
    // copied or held), and may reuse its buffer once the update settles.
    const buffer = new TextEncoder().encode("ab");
    const waiting = hash.update(buffer);
    expect(waiting).toBeInstanceOf(Promise);
    await waiting;
    buffer.set(new TextEncoder().encode("zz"));
    await hash.update(new TextEncoder().encode("c"));
    expect(await hash.digest()).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("is undefined where DigestStream is not a constructor or refuses SHA-256", () => {
    installDigestStream({});
    expect(createDigestStreamSha256()).toBeUndefined();
    installDigestStream(
      class {
        constructor() {
          throw new TypeError("unsupported");
        }
      },
    );
    expect(createDigestStreamSha256()).toBeUndefined();
  });

  it("feeds every chunk in order, copied, and digests once all writes are applied", async () => {
    installDigestStream(FakeDigestStream);
    const before = FakeDigestStream.instances;
    const sha256 = createWebSha256();
    expect(FakeDigestStream.instances).toBe(before + 1);
    expect(sha256).not.toBeInstanceOf(JsSha256);

    const random = randomSource(5);
    const buffer = new Uint8Array(5000);
    const expected = createHash("sha256");
    for (let round = 0; round < 40; round++) {
      // The same buffer each time, refilled before the queued writes have run.
      buffer.set(randomBytes(buffer.length, random));
      let chunk = buffer.subarray(random(50), random(5000));
      if (chunk.byteLength === 13) chunk = chunk.subarray(1);
      expected.update(chunk);
      sha256.update(chunk);
    }
    const digest = sha256.digest();
    expect(sha256.digest()).toBe(digest);
    expect(await digest).toBe(expected.digest("hex"));
    expect(() => sha256.update(new Uint8Array(1))).toThrow(/after the digest/);
  });

  it("rejects the digest when a write failed", async () => {
    installDigestStream(FakeDigestStream);
    const sha256 = createDigestStreamSha256();
    sha256?.update(new Uint8Array(10));
    sha256?.update(new Uint8Array(13));
    sha256?.update(new Uint8Array(10));
    await expect(sha256?.digest()).rejects.toThrow("write failed");
  });
});
