import { createHash } from "node:crypto";
import { createTransport } from "@luml/core/internal";
import { buildModelArchive } from "../../../tests/runtime/suite/tar-archive.ts";
import { LumlClient, openDenoFileBlob, type ProgressEvent } from "../src/index.ts";
import { createDenoStorageAttempt } from "../src/storage-attempt.ts";
import { assert, assertEquals, assertRejects } from "./assert.ts";
import { startTestDevServer } from "./dev-server.ts";
import { randomBytes, withTempDir } from "./temp-files.ts";

const mebibyte = 1024 * 1024;

/** A storage endpoint on Deno.serve that records what arrived. */
function startRecordingServer(replies: number[]) {
  const received: { contentLength: string | null; chunked: boolean; bytes: number; sha: string }[] =
    [];
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (request) => {
    const hash = createHash("sha256");
    let bytes = 0;
    for await (const chunk of request.body ?? []) {
      hash.update(chunk);
      bytes += chunk.byteLength;
    }
    received.push({
      contentLength: request.headers.get("content-length"),
      chunked: (request.headers.get("transfer-encoding") ?? "").includes("chunked"),
      bytes,
      sha: hash.digest("hex"),
    });
    const status = replies.shift() ?? 201;
    return new Response(status === 201 ? "" : "<Error><Code>ServerBusy</Code></Error>", {
      status,
      headers: { etag: '"part"', "retry-after": "0" },
    });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/container/blob?sig=secret`,
    received,
    server,
  };
}

/** Core's transport with Deno's storage attempt, as `LumlClient` builds it. */
function denoStorage(maxRetries: number) {
  const attempt = createDenoStorageAttempt();
  return createTransport({
    baseUrl: "http://127.0.0.1:9",
    apiKey: "unused",
    maxRetries,
    apiAttempt: attempt,
    storageAttempt: attempt,
  }).storage;
}

Deno.test("a file PUT streams from disk with Content-Length, byte-level progress and retries", async () => {
  await withTempDir(async (dir) => {
    const bytes = randomBytes(6 * mebibyte + 123);
    await Deno.writeFile(`${dir}/model.tar`, bytes);
    const blob = await openDenoFileBlob(`${dir}/model.tar`);
    const endpoint = startRecordingServer([503]);
    try {
      const progress: number[] = [];
      const storage = denoStorage(2);
      const response = await storage({
        method: "PUT",
        url: endpoint.url,
        headers: { "x-ms-blob-type": "BlockBlob" },
        body: blob as unknown as Blob,
        onUploadProgress: (loaded) => progress.push(loaded),
      });
      assertEquals(response.status, 201);
      assertEquals(response.headers.get("etag"), '"part"');
      // The first attempt got a 503 and was repeated; both sent the whole file, un-chunked.
      assertEquals(endpoint.received.length, 2);
      const sha = createHash("sha256").update(bytes).digest("hex");
      for (const attempt of endpoint.received) {
        assertEquals(attempt.contentLength, String(bytes.byteLength));
        assertEquals(attempt.chunked, false);
        assertEquals(attempt.bytes, bytes.byteLength);
        assertEquals(attempt.sha, sha);
      }
      assert(progress.length >= 50, `only ${progress.length} progress reports`);
      assert(progress.every((loaded, index) => index === 0 || loaded > (progress[index - 1] ?? 0)));
      assertEquals(progress.at(-1), bytes.byteLength);
    } finally {
      await endpoint.server.shutdown();
    }
  });
});

Deno.test("a storage error status becomes core's error, without retrying a POST", async () => {
  const endpoint = startRecordingServer([503, 503]);
  try {
    const storage = denoStorage(2);
    const error = await assertRejects(() =>
      storage({ method: "POST", url: endpoint.url, body: "<BlockList/>" }),
    );
    assertEquals((error as { name: string }).name, "InternalServerError");
    assertEquals((error as { status: number }).status, 503);
    assert(!(error as Error).message.includes("secret"), "the URL's signature leaked");
    assertEquals(endpoint.received.length, 1);
  } finally {
    await endpoint.server.shutdown();
  }
});

Deno.test("a refused connection is an APIConnectionError; an abort rejects with its reason", async () => {
  const storage = denoStorage(0);
  const refused = await assertRejects(() =>
    storage({ method: "GET", url: "http://127.0.0.1:9/nothing" }),
  );
  assertEquals((refused as { name: string }).name, "APIConnectionError");
  const reason = new Error("stopped");
  const aborted = await assertRejects(() =>
    storage({
      method: "GET",
      url: "http://127.0.0.1:9/nothing",
      signal: AbortSignal.abort(reason),
    }),
  );
  assertEquals(aborted, reason);
});

Deno.test("uploads to Azure through the dev server with byte-level progress", async () => {
  const server = await startTestDevServer();
  try {
    await withTempDir(async (dir) => {
      const client = new LumlClient({
        baseUrl: server.baseUrl,
        apiKey: server.apiKey,
        organization: server.seeded.organization.name,
        orbit: server.seeded.orbits.azure.name,
        collection: server.seeded.collections.azure.name,
      });
      // 5 MiB is a single PUT, 13 MiB three parts (the test server's threshold is 6 MiB).
      for (const size of [5 * mebibyte, 13 * mebibyte]) {
        const bytes = buildModelArchive(size, { accuracy: 0.9 });
        const path = `${dir}/model-${size}.tar`;
        await Deno.writeFile(path, bytes);
        const events: ProgressEvent[] = [];
        const artifact = await client.artifacts.upload(path, {
          onProgress: (event) => events.push({ ...event }),
        });
        const uploading = events.filter((event) => event.phase === "uploading");
        assert(uploading.length >= 40, `only ${uploading.length} uploading events for ${size}`);
        assertEquals(uploading.at(-1)?.loaded, bytes.byteLength);
        const result = await client.artifacts.download(artifact.id, { to: `${dir}/copy-${size}` });
        assertEquals(await Deno.readFile(result.path as string), bytes);
      }
    });
  } finally {
    await server.stop();
  }
});
