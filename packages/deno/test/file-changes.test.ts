import { createHash } from "node:crypto";
import type { DenoFileBlob } from "../src/index.ts";
import { hashBlob } from "../src/index.ts";
import { openSource } from "../src/open-source.ts";
import { assert, assertEquals, assertRejects } from "./assert.ts";
import { append, editInPlace, openFileBlob, readAll } from "./file-edits.ts";
import { randomBytes, withTempDir } from "./temp-files.ts";

const mebibyte = 1024 * 1024;

/** Writes a file of `size` random bytes in `dir` and returns its path and bytes. */
async function newFile(dir: string, size: number): Promise<{ path: string; bytes: Uint8Array }> {
  const path = `${dir}/model.fnnx`;
  const bytes = randomBytes(size);
  await Deno.writeFile(path, bytes);
  return { path, bytes };
}

/** Expects a `FileError` of code `changed` naming `path`. */
function assertChanged(error: unknown, path: string, what = ""): void {
  const fileError = error as { name?: string; code?: string; fileName?: string; message?: string };
  assertEquals(fileError.name, "FileError", `${what}: ${String(error)}`);
  assertEquals(fileError.code, "changed", what);
  assertEquals(fileError.fileName, path);
  assert(fileError.message?.includes(path), fileError.message);
}

/** Expects every way of reading `blob` to fail with `changed`. */
async function assertEveryReadChanged(blob: DenoFileBlob): Promise<void> {
  const reads: Record<string, () => Promise<unknown>> = {
    bytes: () => blob.bytes(),
    text: () => blob.text(),
    stream: () => readAll(blob.stream()),
    hash: () => hashBlob(blob),
    slice: () => blob.slice(0, 100).bytes(),
    "slice stream": () => readAll(blob.slice(10, 2000).stream()),
  };
  for (const [way, read] of Object.entries(reads)) {
    assertChanged(await assertRejects(read), blob.path, way);
  }
}

Deno.test("an unchanged file reads whole, in slices, streamed and hashed; check() passes", async () => {
  await withTempDir(async (dir) => {
    const { path, bytes } = await newFile(dir, 3 * mebibyte + 5);
    const blob = await openFileBlob(path);
    assertEquals(await blob.bytes(), bytes);
    assertEquals(await readAll(blob.stream()), bytes);
    assertEquals(await readAll(blob.slice(mebibyte - 3).stream()), bytes.slice(mebibyte - 3));
    assertEquals(await blob.slice(5, 1029).bytes(), bytes.slice(5, 1029));
    assertEquals(await hashBlob(blob), createHash("sha256").update(bytes).digest("hex"));
    const source = await openSource(path);
    await source.check?.();
  });
});

Deno.test("an in-place edit of the same size fails every read and check() with `changed`", async () => {
  await withTempDir(async (dir) => {
    const { path } = await newFile(dir, 2 * mebibyte);
    const blob = await openFileBlob(path);
    const source = await openSource(path);
    await editInPlace(path);
    await assertEveryReadChanged(blob);
    assertChanged(await assertRejects(() => source.check?.() ?? Promise.resolve()), path);
  });
});

Deno.test("an append fails every read and check() with `changed`", async () => {
  await withTempDir(async (dir) => {
    const { path } = await newFile(dir, mebibyte);
    const blob = await openFileBlob(path);
    const source = await openSource(path);
    await append(path, 10);
    await assertEveryReadChanged(blob);
    const error = await assertRejects(() => source.check?.() ?? Promise.resolve());
    assertChanged(error, path);
    assert((error as Error).message.includes(`${mebibyte} to ${mebibyte + 10} bytes`));
  });
});

Deno.test("a truncation fails every read and check() with `changed`", async () => {
  await withTempDir(async (dir) => {
    const { path } = await newFile(dir, 2 * mebibyte);
    const blob = await openFileBlob(path);
    const source = await openSource(path);
    await Deno.truncate(path, mebibyte);
    await assertEveryReadChanged(blob);
    assertChanged(await assertRejects(() => source.check?.() ?? Promise.resolve()), path);
  });
});

Deno.test("a file truncated while streamed fails the stream at once", async () => {
  await withTempDir(async (dir) => {
    const { path } = await newFile(dir, 8 * mebibyte);
    const blob = await openFileBlob(path);
    let received = 0;
    const error = await assertRejects(async () => {
      for await (const chunk of blob.stream()) {
        received += chunk.byteLength;
        if (received === mebibyte) Deno.truncateSync(path, 4 * mebibyte);
      }
    });
    assertChanged(error, path);
    assert((error as Error).message.includes("got shorter"), (error as Error).message);
    assert(received <= 4 * mebibyte);
  });
});

Deno.test("a file truncated while hashed fails hashing with `changed`", async () => {
  await withTempDir(async (dir) => {
    const { path } = await newFile(dir, 24 * mebibyte);
    const source = await openSource(path);
    const error = await assertRejects(() =>
      hashBlob(source.blob, {
        onProgress: (loaded: number) => {
          if (loaded === 8 * mebibyte) Deno.truncateSync(path, 12 * mebibyte);
        },
      }),
    );
    assertChanged(error, path);
  });
});

Deno.test("check() reports a removed file and a file replaced by another", async () => {
  await withTempDir(async (dir) => {
    const { path, bytes } = await newFile(dir, 1000);
    const source = await openSource(path);
    // An editor's save: the same bytes written to a new file renamed over the old one.
    await Deno.writeFile(`${path}.tmp`, bytes);
    await Deno.rename(`${path}.tmp`, path);
    const replaced = await assertRejects(() => source.check?.() ?? Promise.resolve());
    assertChanged(replaced, path);
    assert((replaced as Error).message.includes("replaced"), (replaced as Error).message);
    await Deno.remove(path);
    const removed = await assertRejects(() => source.check?.() ?? Promise.resolve());
    assertChanged(removed, path);
    assert((removed as Error).message.includes("removed"), (removed as Error).message);
  });
});

Deno.test("a node:http upload of a file truncated mid-body fails promptly", async () => {
  await withTempDir(async (dir) => {
    const { path } = await newFile(dir, 16 * mebibyte);
    const blob = await openFileBlob(path);
    const { request } = await import("node:http");
    let serverReceived = 0;
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      async (incoming) => {
        const reader = incoming.body?.getReader();
        try {
          for (;;) {
            const { done, value } = (await reader?.read()) ?? { done: true, value: undefined };
            if (done) break;
            serverReceived += value.byteLength;
            await new Promise((resolve) => setTimeout(resolve, 2));
          }
        } catch {
          // The client gave up mid-body.
        }
        return new Response("complete");
      },
    );
    try {
      const outgoing = request(`http://127.0.0.1:${server.addr.port}/`, {
        method: "PUT",
        headers: { "content-length": String(blob.size) },
      });
      outgoing.on("error", () => {});
      const started = Date.now();
      let sent = 0;
      const error = await assertRejects(async () => {
        for await (const chunk of blob.stream()) {
          sent += chunk.byteLength;
          if (sent === 2 * mebibyte) Deno.truncateSync(path, 3 * mebibyte);
          if (!outgoing.write(chunk))
            await new Promise((resolve) => outgoing.once("drain", resolve));
        }
      });
      outgoing.destroy();
      assertChanged(error, path);
      assert(Date.now() - started < 10_000, "fails within 10 s");
      assert(serverReceived < blob.size);
    } finally {
      await server.shutdown();
    }
  });
});
