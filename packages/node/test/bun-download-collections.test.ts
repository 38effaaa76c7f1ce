import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LumlClient } from "../src/index";
import { buildModelArchive, writeArchive } from "./build-archive";
import { seededClientOptions, useTestServer } from "./test-server";

// In Bun, a download forces full collections to keep its memory flat (Bun frees its
// socket read buffers late), paced by what they cost: a collection in an app with a
// large heap takes hundreds of milliseconds. Through LumlClient and the dev server,
// with each collection made that slow.
const mebibyte = 1024 * 1024;
const bun = (globalThis as { Bun?: { gc(force: boolean): void } }).Bun;
const shared = useTestServer({}, "luml-bun-collections-");

describe("a 64 MiB download in Bun with LumlClient", () => {
  it.skipIf(!bun)(
    "forces a collection, and slow ones take at most a tenth of its time after the first",
    async () => {
      const runtime = bun as { gc(force: boolean): void };
      const luml = await LumlClient.create(seededClientOptions(shared.server, "s3"));
      const path = join(shared.folder, "collected.fnnx");
      const hash = await writeArchive(path, buildModelArchive(64 * mebibyte));
      const artifact = await luml.artifacts.upload(path);
      const gc = runtime.gc;
      const slowMs = 150;
      let collections = 0;
      runtime.gc = (force) => {
        collections += 1;
        gc.call(runtime, force);
        const until = performance.now() + slowMs;
        while (performance.now() < until) {}
      };
      const started = performance.now();
      try {
        const result = await luml.artifacts.download(artifact.id, {
          to: join(shared.folder, "collected-copy.fnnx"),
        });
        expect(result.file_hash).toBe(hash);
      } finally {
        runtime.gc = gc;
      }
      const elapsed = performance.now() - started;
      expect(collections).toBeGreaterThanOrEqual(1);
      expect((collections - 1) * slowMs).toBeLessThanOrEqual(0.1 * elapsed);
    },
    60_000,
  );
});
