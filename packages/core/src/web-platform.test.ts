import type { DevServer } from "@luml/dev-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildModelArchive, sha256Hex } from "../../../tests/runtime/suite/tar-archive";
import { apiRequestsDuring } from "../test/support/api-requests-during";
import { seededClient, startServer } from "../test/support/dev-server";
import type { LumlClient } from "./client";
import { FileDownloadError, IntegrityError } from "./errors";

// `LumlClient` from @luml/core with no runtime package: the web platform, as in a
// worker. Uploads from a Blob, downloads into a Blob or a WritableStream.
let server: DevServer;
let luml: LumlClient;
beforeAll(async () => {
  server = await startServer();
  luml = await seededClient(server);
});
afterAll(() => server?.stop());
afterEach(() => server.faults.clear());

async function uploadArchive(label: string) {
  const bytes = buildModelArchive(256 * 1024 + 17, { F1: 0.5 });
  const file = new File([bytes as Uint8Array<ArrayBuffer>], `${label}-${Date.now()}.fnnx`);
  const artifact = await luml.artifacts.upload(file);
  return { bytes, artifact };
}

/** Reads a stream to its end (or its error). */
async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer());
}

describe("the web platform", () => {
  it("uploads a File and downloads it into a verified Blob", async () => {
    const { bytes, artifact } = await uploadArchive("web-blob");
    expect(artifact.status).toBe("uploaded");
    expect(artifact.file_hash).toBe(await sha256Hex(bytes));
    const result = await luml.artifacts.download(artifact.id);
    expect(result.blob).toBeInstanceOf(Blob);
    expect(new Uint8Array(await (result.blob as Blob).arrayBuffer())).toEqual(bytes);
  });

  it("downloads a record already read without reading it again, and re-reads one without a sha256", async () => {
    const { bytes, artifact } = await uploadArchive("web-record");
    const record = await luml.artifacts.get(artifact.name ?? "");
    if (!record) throw new Error("the uploaded artifact is not found by name");
    let blob: Blob | undefined;
    // The record given: the download URL is the one API request.
    const requests = await apiRequestsDuring(server, async () => {
      blob = (await luml.artifacts.download(record)).blob;
    });
    expect(requests).toBe(1);
    expect(new Uint8Array(await (blob as Blob).arrayBuffer())).toEqual(bytes);
    // By id, or a record with nothing to verify against: read first, then the URL.
    expect(await apiRequestsDuring(server, () => luml.artifacts.download(artifact.id))).toBe(2);
    const unverifiable = { ...record, file_hash: null };
    expect(await apiRequestsDuring(server, () => luml.artifacts.download(unverifiable))).toBe(2);
  });

  it("downloads into a WritableStream, closing it only once verified", async () => {
    const { bytes, artifact } = await uploadArchive("web-stream");
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const [received, result] = await Promise.all([
      collect(readable),
      luml.artifacts.download(artifact.id, { to: writable, concurrency: 4 }),
    ]);
    expect(received).toEqual(bytes);
    expect(result.file_hash).toBe(artifact.file_hash);
  });

  it("errors the stream, never ending it cleanly, when the bytes do not match", async () => {
    const { artifact } = await uploadArchive("web-corrupt");
    server.faults.add({ target: "s3", method: "GET", path: ".", action: { corrupt: true } });
    const { stream, done } = await luml.artifacts.downloadStream(artifact.id);
    const read = await collect(stream).catch((error: unknown) => error);
    expect(IntegrityError.isInstance(read)).toBe(true);
    await expect(done).rejects.toSatisfy(IntegrityError.isInstance);
  });

  it("holds the last bytes back until verified, so a length-declaring reader sees a short body", async () => {
    const { artifact } = await uploadArchive("web-held-back");
    server.faults.add({ target: "s3", method: "GET", path: ".", action: { corrupt: true } });
    let written = 0;
    let ending = "none";
    // As a FixedLengthStream-backed Response would: every byte written counts.
    const writable = new WritableStream<Uint8Array>({
      write(chunk) {
        written += chunk.byteLength;
      },
      close() {
        ending = "closed";
      },
      abort() {
        ending = "aborted";
      },
    });
    await expect(luml.artifacts.download(artifact.id, { to: writable })).rejects.toSatisfy(
      IntegrityError.isInstance,
    );
    expect(ending).toBe("aborted");
    expect(written).toBeLessThan(artifact.size);
  });

  it("aborts a caller's stream when the download fails before its first byte", async () => {
    const { artifact } = await uploadArchive("web-early");
    server.faults.add({ target: "api", path: "download-url", times: 10, action: { status: 404 } });
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const reading = collect(readable).catch((error: unknown) => error);
    await expect(luml.artifacts.download(artifact.id, { to: writable })).rejects.toThrow();
    expect(await reading).toBeInstanceOf(Error);
  });

  it("refuses to stream a record whose upload never finished, before any storage request", async () => {
    const bytes = buildModelArchive(1024, {});
    const { artifact } = await luml.artifacts.create({
      file_name: "unfinished.fnnx",
      manifest: {
        artifact_type: "model",
        variant: "pipeline",
        producer_name: "web-platform-test",
        producer_version: "0.0.0",
        producer_tags: [],
        payload: {},
      },
      file_hash: await sha256Hex(bytes),
      file_index: { "manifest.json": [512, 10] },
      size: bytes.byteLength,
    });
    const error = await luml.artifacts
      .downloadStream(artifact.id)
      .catch((caught: unknown) => caught);
    expect(FileDownloadError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("pending_upload");
  });
});
