import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { FileError, FileUploadError, IntegrityError, type ProgressEvent } from "@luml/core";
import { downloadArtifact, uploadArtifact } from "@luml/core/internal";
import { afterEach, describe, expect, it } from "vitest";
import { buildModelArchive, buildTar, sha256Hex, writeArchive } from "./build-archive";
import {
  fetchArtifact,
  listArtifactIds,
  type StorageKind,
  storedObjectHash,
  transferContext,
} from "./harness";
import { useTestServer } from "./test-server";

const mebibyte = 1024 * 1024;
const shared = useTestServer(
  {
    multipartThreshold: 6 * mebibyte,
    partSize: 5 * mebibyte,
    faults: true,
  },
  "luml-transfers-",
);

afterEach(() => shared.server.faults.clear());

/** Checks that each phase's `loaded` never decreases and ends at its total. */
function expectWellFormedProgress(
  events: ProgressEvent[],
  phases: ProgressEvent["phase"][],
  total: number,
) {
  for (const phase of phases) {
    const ofPhase = events.filter((event) => event.phase === phase);
    expect(ofPhase.length).toBeGreaterThan(0);
    for (let index = 1; index < ofPhase.length; index++) {
      expect(ofPhase[index]?.loaded).toBeGreaterThanOrEqual(ofPhase[index - 1]?.loaded ?? 0);
    }
    expect(ofPhase.at(-1)).toEqual({ phase, loaded: total, total });
  }
}

/** The first matching storage request's path+query regex for a part PUT of either storage. */
const partPut = "(partNumber=\\d|comp=block&)";

describe.each<StorageKind>(["s3", "azure"])("transfers on %s", (kind) => {
  it.each([
    ["single PUT", 64 * 1024],
    ["multipart", 13 * mebibyte + 12_345],
  ])("round-trips a %s archive with verified stored bytes", async (_label, opsSize) => {
    const context = transferContext(shared.server, kind);
    const path = join(shared.folder, `${kind}-${opsSize}.fnnx`);
    const hash = await writeArchive(path, buildModelArchive(opsSize));
    const events: ProgressEvent[] = [];

    const artifact = await uploadArtifact(context, path, {
      tags: ["test"],
      concurrency: 3,
      onProgress: (event) => events.push(event),
    });

    expect(artifact.status).toBe("uploaded");
    expect(artifact.file_hash).toBe(hash);
    expect(artifact.extra_values).toEqual({ F1: 0.91 });
    expect(artifact.file_index?.["manifest.json"]?.[0]).toBe(512);
    expect(await storedObjectHash(shared.server, kind, artifact.bucket_location)).toBe(hash);
    const size = (await readFile(path)).byteLength;
    expectWellFormedProgress(events, ["hashing", "uploading"], size);
    const multipart = context.transport.storageRequests.some((request) =>
      /partNumber=|comp=block&/.test(request.url),
    );
    expect(multipart).toBe(opsSize > 6 * mebibyte);

    const downloadEvents: ProgressEvent[] = [];
    const target = join(shared.folder, `copy-${kind}-${opsSize}.fnnx`);
    const result = await downloadArtifact(context, artifact.id, {
      to: target,
      onProgress: (event) => downloadEvents.push(event),
    });
    expect(result.path).toBe(target);
    expect(sha256Hex(await readFile(target))).toBe(hash);
    expectWellFormedProgress(downloadEvents, ["downloading"], size);
  });

  it("retries a failed part alone and succeeds", async () => {
    const context = transferContext(shared.server, kind);
    const path = join(shared.folder, `${kind}-retry.fnnx`);
    const hash = await writeArchive(path, buildModelArchive(12 * mebibyte));
    const fault = await shared.server.faults.add({
      target: kind,
      method: "PUT",
      path: partPut,
      nth: 2,
      action: { status: 503 },
    });

    const artifact = await uploadArtifact(context, path, { concurrency: 2 });

    expect(artifact.status).toBe("uploaded");
    expect((await shared.server.faults.list()).find((rule) => rule.id === fault)?.fired).toBe(1);
    expect(await storedObjectHash(shared.server, kind, artifact.bucket_location)).toBe(hash);
    const partPuts = context.transport.storageRequests.filter(
      (request) => request.method === "PUT" && /partNumber=|comp=block&/.test(request.url),
    );
    // Each part is handed to the transport once; the retry of the failed one happens inside it.
    expect(partPuts).toHaveLength(3);
  });

  it("marks the artifact upload_failed when storage keeps failing", async () => {
    const context = transferContext(shared.server, kind);
    const path = join(shared.folder, `${kind}-broken.fnnx`);
    await writeArchive(path, buildModelArchive(12 * mebibyte));
    await shared.server.faults.add({
      target: kind,
      method: "PUT",
      path: partPut,
      times: 10,
      action: { status: 500 },
    });

    const error = await uploadArtifact(context, path).catch((caught: unknown) => caught);

    expect(FileUploadError.isInstance(error)).toBe(true);
    const artifactId = (error as FileUploadError).artifactId as string;
    expect((await fetchArtifact(shared.server, kind, artifactId)).status).toBe("upload_failed");
    expect(String((error as Error).message)).not.toContain(shared.server.apiKey);
  });

  it("rejects with the abort reason and marks the artifact upload_failed", async () => {
    const context = transferContext(shared.server, kind);
    const path = join(shared.folder, `${kind}-abort.fnnx`);
    await writeArchive(path, buildModelArchive(12 * mebibyte));
    await shared.server.faults.add({
      target: kind,
      method: "PUT",
      path: partPut,
      times: 10,
      action: { delayMs: 5_000 },
    });
    const controller = new AbortController();
    const reason = new Error("stopped by the user");
    let artifactId: string | undefined;
    const recorded = context.transport.request.bind(context.transport);
    context.transport.request = async (request) => {
      const response = await recorded(request);
      const body = response.body as { artifact?: { id: string } } | undefined;
      if (request.method === "POST" && body?.artifact) {
        artifactId = body.artifact.id;
        setTimeout(() => controller.abort(reason), 300);
      }
      return response;
    };

    const error = await uploadArtifact(context, path, { signal: controller.signal }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBe(reason);
    expect(artifactId).toBeDefined();
    expect((await fetchArtifact(shared.server, kind, artifactId as string)).status).toBe(
      "upload_failed",
    );
  });

  it("resumes a download cut mid-body with a Range request", async () => {
    const context = transferContext(shared.server, kind);
    const path = join(shared.folder, `${kind}-resume.fnnx`);
    const hash = await writeArchive(path, buildModelArchive(3 * mebibyte));
    const artifact = await uploadArtifact(context, path);
    const fault = await shared.server.faults.add({
      target: kind,
      method: "GET",
      path: artifact.unique_identifier as string,
      action: { cut: "mid-body" },
    });
    const target = join(shared.folder, `${kind}-resumed-copy.fnnx`);

    const result = await downloadArtifact(context, artifact.id, { to: target });

    expect(result.file_hash).toBe(hash);
    expect(sha256Hex(await readFile(target))).toBe(hash);
    expect((await shared.server.faults.list()).find((rule) => rule.id === fault)?.fired).toBe(1);
    const gets = context.transport.storageRequests.filter((request) => request.method === "GET");
    expect(gets).toHaveLength(2);
    expect(gets[0]?.headers?.Range).toBeUndefined();
    expect(gets[1]?.headers?.Range).toMatch(/^bytes=[1-9]\d*-$/);
  });

  it("downloads in parallel ranges, resuming a range cut mid-body", async () => {
    const context = transferContext(shared.server, kind);
    const path = join(shared.folder, `${kind}-parallel.fnnx`);
    const hash = await writeArchive(path, buildModelArchive(5 * mebibyte + 777));
    const artifact = await uploadArtifact(context, path);
    const fault = await shared.server.faults.add({
      target: kind,
      method: "GET",
      path: artifact.unique_identifier as string,
      nth: 3,
      action: { cut: "mid-body" },
    });
    const target = join(shared.folder, `${kind}-parallel-copy.fnnx`);
    const events: ProgressEvent[] = [];

    const result = await downloadArtifact(context, artifact.id, {
      to: target,
      concurrency: 4,
      partSize: mebibyte,
      onProgress: (event) => events.push(event),
    });

    expect(result.file_hash).toBe(hash);
    expect(sha256Hex(await readFile(target))).toBe(hash);
    expect((await shared.server.faults.list()).find((rule) => rule.id === fault)?.fired).toBe(1);
    const gets = context.transport.storageRequests.filter((request) => request.method === "GET");
    // Six 1 MiB ranges, plus one request resuming the cut range from where it stopped.
    expect(gets).toHaveLength(7);
    expect(gets.every((request) => /^bytes=\d+-\d+$/.test(request.headers?.Range ?? ""))).toBe(
      true,
    );
    expectWellFormedProgress(events, ["downloading"], (await readFile(path)).byteLength);
  });

  it("refuses a corrupted download and leaves nothing behind", async () => {
    const context = transferContext(shared.server, kind);
    const path = join(shared.folder, `${kind}-corrupt.fnnx`);
    await writeArchive(path, buildModelArchive(256 * 1024));
    const artifact = await uploadArtifact(context, path);
    await shared.server.faults.add({
      target: kind,
      method: "GET",
      path: artifact.unique_identifier as string,
      action: { corrupt: true },
    });
    const target = await mkdtemp(join(shared.folder, "corrupt-"));

    const error = await downloadArtifact(context, artifact.id, {
      to: join(target, "copy.fnnx"),
    }).catch((caught: unknown) => caught);

    expect(IntegrityError.isInstance(error)).toBe(true);
    expect(await readdir(target)).toEqual([]);
  });

  it("refuses a file name with directories before any request", async () => {
    const context = transferContext(shared.server, kind);
    const data = buildModelArchive(1024);
    const error = await uploadArtifact(context, {
      name: "nested/dirs/escape.fnnx",
      size: data.byteLength,
      blob: new Blob([data as Uint8Array<ArrayBuffer>]),
    }).catch((caught: unknown) => caught);
    expect(FileError.isInstance(error)).toBe(true);
    expect((error as FileError).code).toBe("invalid_name");
    // Names with directories that other clients recorded are saved by their base
    // name (safeFileName's tests); this client never records one.
    expect(context.transport.apiRequests).toEqual([]);
  });
});

describe("bad archives fail before any request", () => {
  const encoder = new TextEncoder();
  it.each([
    ["not a tar", "garbage.fnnx", encoder.encode("this is not a tar archive at all".repeat(40))],
    [
      "missing manifest",
      "no-manifest.fnnx",
      buildTar([{ name: "meta.json", data: encoder.encode("[]") }]),
    ],
    [
      "invalid manifest",
      "bad-manifest.fnnx",
      buildTar([{ name: "manifest.json", data: encoder.encode("{not json") }]),
    ],
    ["unsupported extension", "model.zip", buildModelArchive(16)],
    ["invalid file name", "mo:del.fnnx", buildModelArchive(16)],
    ["truncated", "truncated.fnnx", buildModelArchive(4096).subarray(0, 1500)],
  ])("%s", async (_label, name, data) => {
    const context = transferContext(shared.server, "s3");
    const before = await listArtifactIds(shared.server, "s3");

    const error = await uploadArtifact(context, {
      name,
      size: data.byteLength,
      blob: new Blob([data as Uint8Array<ArrayBuffer>]),
    }).catch((caught: unknown) => caught);

    expect(FileError.isInstance(error)).toBe(true);
    expect(context.transport.apiRequests).toEqual([]);
    expect(context.transport.storageRequests).toEqual([]);
    expect(await listArtifactIds(shared.server, "s3")).toEqual(before);
  });

  it("a missing file is a FileError not_found", async () => {
    const context = transferContext(shared.server, "s3");
    const error = await uploadArtifact(context, join(shared.folder, "does-not-exist.fnnx")).catch(
      (caught: unknown) => caught,
    );
    expect(FileError.isInstance(error) && error.code).toBe("not_found");
    expect(context.transport.apiRequests).toEqual([]);
  });
});
