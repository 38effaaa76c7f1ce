import type { DevServer } from "@luml/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildModelArchive } from "../../../../tests/runtime/suite/tar-archive";
import { apiRequestsDuring as countApiRequests } from "../../test/support/api-requests-during";
import { artifactBody, seededClient, startServer } from "../../test/support/dev-server";
import type { LumlClient } from "../client";
import { FileUploadError, InvalidArgumentError } from "../errors";

let server: DevServer;
let luml: LumlClient;
const apiRequestsDuring = (action: () => Promise<unknown>) => countApiRequests(server, action);
beforeAll(async () => {
  server = await startServer();
  luml = await seededClient(server);
});
afterAll(() => server?.stop());

describe("download arguments", () => {
  it("counts requests (the check below would notice one)", async () => {
    expect(await apiRequestsDuring(() => luml.artifacts.list())).toBeGreaterThan(0);
  });

  /** Shaped like an artifact id; no artifact has it. */
  const someId = "00000000-0000-4000-8000-000000000000";
  const cases = [
    { argument: "artifactId", call: () => luml.artifacts.download(" ") },
    // A name where an id belongs would only come back as the service's 422.
    { argument: "artifactId", call: () => luml.artifacts.download("churn-model") },
    { argument: "concurrency", call: () => luml.artifacts.download(someId, { concurrency: 0 }) },
    { argument: "concurrency", call: () => luml.artifacts.download(someId, { concurrency: 1.5 }) },
    {
      argument: "concurrency",
      call: () => luml.artifacts.download(someId, { concurrency: "4" as never }),
    },
    { argument: "partSize", call: () => luml.artifacts.download(someId, { partSize: 1024 }) },
    // Ranges ahead of the hash wait in memory: a part size without bound would be a memory one.
    { argument: "partSize", call: () => luml.artifacts.download(someId, { partSize: 1e15 }) },
    { argument: "to", call: () => luml.artifacts.download(someId, { to: 42 as never }) },
    { argument: "to", call: () => luml.artifacts.download(someId, { to: "" as never }) },
    { argument: "sink", call: () => luml.artifacts.download(someId, { sink: {} as never }) },
    {
      argument: "onProgress",
      call: () => luml.artifacts.download(someId, { onProgress: 1 as never }),
    },
    { argument: "signal", call: () => luml.artifacts.download(someId, { signal: {} as never }) },
    // A name where the collection's id belongs would only come back as the service's 422.
    {
      argument: "collectionId",
      call: () => luml.artifacts.download(someId, { collectionId: "nope" }),
    },
  ];

  for (const { argument, call } of cases) {
    it(`rejects a bad ${argument} with an InvalidArgumentError before any request`, async () => {
      let error: unknown;
      const requests = await apiRequestsDuring(async () => {
        error = await call().catch((caught: unknown) => caught);
      });
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe(argument);
      expect(requests).toBe(0);
    });
  }
});

describe("download arguments, with a stream to write to", () => {
  it("ends the stream with the InvalidArgumentError, so what reads its other side does not wait", async () => {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const error = await luml.artifacts
      .download("churn-model", { to: writable })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    // A Worker returning `new Response(readable)` would otherwise hang until killed.
    await expect(readable.getReader().read()).rejects.toBe(error);
  });

  it("aborts a sink given with the InvalidArgumentError", async () => {
    let reason: unknown;
    const sink = {
      write: async () => {},
      commit: async () => {},
      abort: async (cause: unknown) => {
        reason = cause;
      },
    };
    const error = await luml.artifacts
      .download("churn-model", { sink })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(reason).toBe(error);
  });
});

describe("upload arguments", () => {
  const blob = new Blob([new Uint8Array(1024)]);
  const cases: Array<{ argument: string; options: Record<string, unknown> }> = [
    { argument: "fileName", options: { fileName: "a/b.fnnx" } },
    { argument: "fileName", options: { fileName: "model\u0000.fnnx" } },
    { argument: "fileName", options: { fileName: `${"m".repeat(300)}.fnnx` } },
    { argument: "onProgress", options: { onProgress: 5 } },
    { argument: "signal", options: { signal: {} } },
    { argument: "tags", options: { tags: "prod" } },
    { argument: "tags", options: { tags: ["prod", 1] } },
    { argument: "name", options: { name: 5 } },
    { argument: "description", options: { description: {} } },
    { argument: "idleTimeout", options: { idleTimeout: -1 } },
    { argument: "concurrency", options: { concurrency: 0 } },
  ];

  for (const { argument, options } of cases) {
    it(`rejects a bad ${argument} (${JSON.stringify(options)}) before any request`, async () => {
      let error: unknown;
      const requests = await apiRequestsDuring(async () => {
        error = await luml.artifacts
          .upload(blob, { fileName: "model.fnnx", ...options } as never)
          .catch((caught: unknown) => caught);
      });
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe(argument);
      // Control characters never reach a message raw.
      expect((error as Error).message).not.toContain("\u0000");
      expect(requests).toBe(0);
    });
  }
});

describe("upload of an UploadSource whose size is not its blob's", () => {
  it("is an InvalidArgumentError before any request (the record would never verify)", async () => {
    const blob = new Blob([buildModelArchive(64 * 1024, { F1: 0.5 }) as Uint8Array<ArrayBuffer>]);
    for (const size of [1000, blob.size + 4096]) {
      let error: unknown;
      const requests = await apiRequestsDuring(async () => {
        error = await luml.artifacts
          .upload({ name: "model.fnnx", size, blob })
          .catch((caught: unknown) => caught);
      });
      expect(InvalidArgumentError.isInstance(error), String(size)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe("input.size");
      expect((error as Error).message).toContain(
        `(${size}) must equal its blob's size (${blob.size})`,
      );
      expect(requests).toBe(0);
    }
  });
});

describe("upload whose create times out before the service made anything", () => {
  it("rejects with a FileUploadError saying a record may still appear, naming none", async () => {
    const client = await seededClient(server, "s3", { timeout: 500, maxRetries: 0 });
    const file = new File(
      [buildModelArchive(64 * 1024, { F1: 0.5 }) as Uint8Array<ArrayBuffer>],
      "late-create.fnnx",
    );
    // Held before it is handled: the client gives up, and the request is never applied.
    server.faults.add({
      target: "api",
      method: "POST",
      path: "/collections/[^/]+/artifacts$",
      action: { delayMs: 3_000 },
    });
    const error = await client.artifacts.upload(file).catch((caught: unknown) => caught);
    server.faults.clear();
    expect(FileUploadError.isInstance(error)).toBe(true);
    expect((error as FileUploadError).artifactId).toBeUndefined();
    expect((error as Error).message).toMatch(/may have been created .* none was found yet/);
    expect(await client.artifacts.get("late-create.fnnx")).toBeNull();
  });
});

describe("upload to a collectionId that is not an id", () => {
  it("is an InvalidArgumentError before any request, and before the file is hashed", async () => {
    const file = new File(
      [buildModelArchive(256 * 1024, { F1: 0.5 }) as Uint8Array<ArrayBuffer>],
      "model.fnnx",
    );
    const phases: string[] = [];
    let error: unknown;
    const requests = await apiRequestsDuring(async () => {
      error = await luml.artifacts
        .upload(file, { collectionId: "nope", onProgress: (event) => phases.push(event.phase) })
        .catch((caught: unknown) => caught);
    });
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe("collectionId");
    expect((error as Error).message).toMatch(/expected a collection id, got "nope"/);
    expect(requests).toBe(0);
    expect(phases).not.toContain("hashing");
  });
});

describe("cleanupPendingUploads", () => {
  it("marks pending_upload records older than the cut-off upload_failed, and no others", async () => {
    const { artifact: pending } = await luml.artifacts.create(artifactBody({ name: "stale" }));
    const { artifact: done } = await luml.artifacts.create(artifactBody({ name: "done" }));
    await luml.artifacts.update(done.id, { status: "uploaded" });

    // A generous cut-off leaves a fresh record alone (an upload may still be running).
    const none = await luml.artifacts.cleanupPendingUploads({ olderThan: 3_600_000 });
    expect(none.map((artifact) => artifact.id)).not.toContain(pending.id);
    expect((await luml.artifacts.get(pending.id))?.status).toBe("pending_upload");

    const marked = await luml.artifacts.cleanupPendingUploads({ olderThan: 0 });
    expect(marked.map((artifact) => artifact.id)).toContain(pending.id);
    expect(marked.every((artifact) => artifact.status === "upload_failed")).toBe(true);
    expect((await luml.artifacts.get(pending.id))?.status).toBe("upload_failed");
    expect((await luml.artifacts.get(done.id))?.status).toBe("uploaded");
  });

  it("refuses a negative cut-off before any request", async () => {
    const requests = await apiRequestsDuring(async () => {
      await expect(luml.artifacts.cleanupPendingUploads({ olderThan: -1 })).rejects.toThrow(
        InvalidArgumentError,
      );
    });
    expect(requests).toBe(0);
  });
});
