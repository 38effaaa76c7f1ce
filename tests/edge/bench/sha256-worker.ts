/**
 * The SHA-256 throughput bench, inside an edge runtime: the incremental sha256
 * `@luml/core`'s web platform picks there (`createWebSha256`: `crypto.DigestStream`
 * in workerd, plain TypeScript elsewhere), the plain TypeScript one on its own, and
 * `crypto.subtle.digest` of the whole buffer, all on the same bytes. The incremental
 * ones are fed 1 MiB at a time, as a download or an upload feeds them.
 *
 * `GET /?mebibytes=256&runs=5` answers with each one's speeds in MiB/s.
 */
import { createWebSha256 } from "../../../packages/core/src/hashing/create-sha256.ts";
import { createJsSha256 } from "../../../packages/core/src/hashing/sha256-js.ts";
import type { Sha256 } from "../../../packages/core/src/platform.ts";

const mebibyte = 1024 * 1024;

/** Hashes `data` in 1 MiB updates and returns the hex digest. */
async function hashIncrementally(sha256: Sha256, data: Uint8Array): Promise<string> {
  for (let offset = 0; offset < data.byteLength; offset += mebibyte) {
    sha256.update(data.subarray(offset, offset + mebibyte));
  }
  return sha256.digest();
}

/** The contenders, each returning the hex digest of `data`. */
const contenders: Record<string, (data: Uint8Array) => Promise<string>> = {
  createWebSha256: (data) => hashIncrementally(createWebSha256(), data),
  JsSha256: (data) => hashIncrementally(createJsSha256(), data),
  "crypto.subtle.digest": async (data) => {
    const digest = await crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>);
    return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join(
      "",
    );
  },
};

/** Runs the bench described by the request's query. */
async function measure(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const mebibytes = Number(url.searchParams.get("mebibytes") ?? 256);
  const runs = Number(url.searchParams.get("runs") ?? 5);
  const data = new Uint8Array(mebibytes * mebibyte);
  for (let offset = 0; offset < data.byteLength; offset += 65_536) {
    crypto.getRandomValues(data.subarray(offset, offset + 65_536));
  }
  // Let the optimising compiler see the plain TypeScript loop before anything is timed.
  await hashIncrementally(createJsSha256(), data.subarray(0, 64 * mebibyte));

  const speeds: Record<string, number[]> = Object.fromEntries(
    Object.keys(contenders).map((name) => [name, []]),
  );
  const digests = new Set<string>();
  for (let run = 0; run < runs; run++) {
    for (const [name, hash] of Object.entries(contenders)) {
      const started = Date.now();
      digests.add(await hash(data));
      const seconds = (Date.now() - started) / 1000;
      speeds[name]?.push(mebibytes / seconds);
    }
  }
  if (digests.size !== 1) {
    return Response.json(
      { error: `the digests differ: ${[...digests].join(", ")}` },
      { status: 500 },
    );
  }
  const usesDigestStream =
    typeof (crypto as { DigestStream?: unknown }).DigestStream === "function";
  return Response.json({
    mebibytes,
    runs,
    createWebSha256Is: usesDigestStream ? "crypto.DigestStream" : "JsSha256",
    speeds,
  });
}

export default { fetch: measure };

/** What edge-runtime and Vercel Edge define; a module Worker has no such global. */
declare const EdgeRuntime: string | undefined;

if (typeof EdgeRuntime === "string") {
  addEventListener("fetch", (event) => {
    const fetchEvent = event as Event & {
      request: Request;
      respondWith(response: Promise<Response>): void;
    };
    fetchEvent.respondWith(measure(fetchEvent.request));
  });
}
