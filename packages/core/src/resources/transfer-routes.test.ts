import type { DevServer } from "@luml/dev-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildModelArchive } from "../../../../tests/runtime/suite/tar-archive";
import { seededClient, startServer } from "../../test/support/dev-server";
import type { LumlClient } from "../client";

// Transfers make their API calls through the resource methods: the same checks and
// retry rules, and no call made twice.
const mebibyte = 1024 * 1024;
let server: DevServer;
let luml: LumlClient;
beforeAll(async () => {
  server = await startServer({ multipartThreshold: 6 * mebibyte, partSize: 5 * mebibyte });
  luml = await seededClient(server);
});
afterAll(() => server?.stop());
afterEach(() => server.faults.clear());

function archive(size: number, label: string): File {
  const bytes = buildModelArchive(size, { F1: 0.5 });
  return new File([bytes as Uint8Array<ArrayBuffer>], `${label}-${Date.now()}.fnnx`);
}

describe("transfers through the resources", () => {
  it("downloadStream reads the artifact's record once", async () => {
    const artifact = await luml.artifacts.upload(archive(64 * 1024, "stream-once"));
    server.faults.add({
      target: "api",
      method: "GET",
      path: `/artifacts/${artifact.id}$`,
      nth: 1_000_000,
      action: { delayMs: 0 },
    });
    const { stream, done } = await luml.artifacts.downloadStream(artifact.id);
    await new Response(stream).arrayBuffer();
    await done;
    expect(server.faults.list()[0]?.matched).toBe(1);
  });

  it("an upload's part URLs are bucketSecrets.getMultipartUploadUrls, retried like it", async () => {
    server.faults.add({
      target: "api",
      method: "POST",
      path: "/bucket-secrets/upload/multipart$",
      action: { status: 503, retryAfter: 0 },
    });
    const artifact = await luml.artifacts.upload(archive(7 * mebibyte, "parts-retried"));
    expect(artifact.status).toBe("uploaded");
    expect(server.faults.list()[0]).toMatchObject({ matched: 2, fired: 1 });
  });
});
