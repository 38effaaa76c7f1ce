import type { DevServer } from "@luml/dev-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildModelArchive, sha256Hex } from "../../../../tests/runtime/suite/tar-archive";
import { seededClient, startServer } from "../../test/support/dev-server";
import type { LumlClient } from "../client";
import type { FileError } from "../errors";
import { FileUploadError, InvalidArgumentError } from "../errors";
import type { ProgressEvent } from "../platform";
import { createTransport } from "../transport/create-transport";
import { createFetchAttempt } from "../transport/fetch-attempt";
import type { Transport } from "../transport/transport";
import { webPlatform } from "../web-platform";
import { type PreparedUpload, prepareArtifactFile } from "./prepare-artifact-file";
import { sendUploadPlan } from "./send-upload-plan";
import type { SentUpload, UploadPlan } from "./upload-plan";

// The server half (beginUpload, completeUpload, abortUpload) through a client that
// holds the key; the page half driven from here over real HTTP with no key at all:
// plain fetch PUTs following the plan, or core's sendUploadPlan on a key-less transport.
const mebibyte = 1024 * 1024;
let server: DevServer;
let luml: LumlClient;
let lumlAzure: LumlClient;
/** Sends to storage only: its API key is empty and its API attempt refuses to run. */
let pageTransport: Transport;

beforeAll(async () => {
  server = await startServer({ multipartThreshold: 6 * mebibyte, partSize: 5 * mebibyte });
  luml = await seededClient(server, "s3");
  lumlAzure = await seededClient(server, "azure");
  pageTransport = createTransport({
    baseUrl: "http://127.0.0.1:9",
    apiKey: "",
    maxRetries: 2,
    apiAttempt: () => Promise.reject(new Error("the page has no API to call")),
    storageAttempt: createFetchAttempt((input, init) => fetch(input, init)),
  });
});
afterAll(() => server?.stop());
afterEach(() => server.faults.clear());

type Storage = "s3" | "azure";
const clientFor = (storage: Storage) => (storage === "s3" ? luml : lumlAzure);

/** A fresh model archive as a named File, prepared as a page would. */
async function preparedFile(label: string, size: number) {
  const bytes = buildModelArchive(size, { F1: 0.75, accuracy: 0.9 });
  const file = new File([bytes as Uint8Array<ArrayBuffer>], `${label}-${Date.now()}.fnnx`);
  const { prepared } = await prepareArtifactFile(webPlatform, file);
  // What crosses the network is JSON: the server gets a copy, never the object.
  return { bytes, file, prepared: JSON.parse(JSON.stringify(prepared)) as PreparedUpload };
}

/** The page's PUTs with nothing but fetch and the plan, as any page could make them. */
async function sendWithFetch(file: Blob, plan: UploadPlan): Promise<SentUpload> {
  if (plan.single) {
    const response = await fetch(plan.single.url, {
      method: "PUT",
      headers: plan.single.headers,
      body: file,
    });
    expect(response.status).toBeLessThan(300);
    return { artifactId: plan.artifactId, uploadId: null, parts: [] };
  }
  const parts = await Promise.all(
    plan.multipart.parts.map(async (part) => {
      const response = await fetch(part.url, {
        method: "PUT",
        body: file.slice(part.start, part.end),
      });
      expect(response.status).toBeLessThan(300);
      return { partNumber: part.partNumber, etag: response.headers.get("etag") };
    }),
  );
  return { artifactId: plan.artifactId, uploadId: plan.multipart.uploadId, parts };
}

/** Whether a downloaded blob holds exactly `bytes` (compared natively: MiBs of them). */
async function sameBytes(blob: Blob | undefined, bytes: Uint8Array): Promise<boolean> {
  if (!blob) return false;
  return Buffer.from(await blob.arrayBuffer()).equals(bytes);
}

/** What the record says now, read straight from the API with the key. */
async function recordOf(storage: Storage, artifactId: string) {
  return clientFor(storage).artifacts.get(artifactId);
}

/** Counts the API requests `action` makes, with a rule that matches all and never fires. */
async function apiRequestsDuring(action: () => Promise<unknown>): Promise<number> {
  server.faults.clear();
  server.faults.add({ target: "api", path: ".", nth: 1_000_000, action: { delayMs: 0 } });
  await action().catch(() => undefined);
  const matched = server.faults.list()[0]?.matched ?? 0;
  server.faults.clear();
  return matched;
}

describe.each(["s3", "azure"] as const)("a key-less upload to %s", (storage) => {
  it("goes up in one PUT the plan describes, completes, and downloads verified", async () => {
    const client = clientFor(storage);
    const { bytes, file, prepared } = await preparedFile(`single-${storage}`, 256 * 1024 + 5);
    const plan = await client.artifacts.beginUpload(prepared, {
      name: "keyless single",
      description: "from a page",
      tags: ["web"],
    });
    expect(plan.storage).toBe(storage);
    expect(plan.size).toBe(bytes.length);
    expect(plan.multipart).toBeUndefined();
    expect(plan.single?.headers).toEqual(
      storage === "azure" ? { "x-ms-blob-type": "BlockBlob" } : {},
    );
    expect((await recordOf(storage, plan.artifactId))?.status).toBe("pending_upload");

    const sent = await sendWithFetch(file, JSON.parse(JSON.stringify(plan)));
    const artifact = await client.artifacts.completeUpload(JSON.parse(JSON.stringify(sent)));
    expect(artifact).toMatchObject({
      id: plan.artifactId,
      status: "uploaded",
      name: "keyless single",
      description: "from a page",
      tags: ["web"],
      file_hash: await sha256Hex(bytes),
      size: bytes.length,
      extra_values: { F1: 0.75, accuracy: 0.9 },
    });
    expect((await recordOf(storage, plan.artifactId))?.status).toBe("uploaded");
    const download = await client.artifacts.download(plan.artifactId);
    expect(await sameBytes(download.blob, bytes)).toBe(true);
  });

  it("goes up in parallel parts with their ETags, completes, and downloads verified", async () => {
    const client = clientFor(storage);
    const { bytes, file, prepared } = await preparedFile(`parts-${storage}`, 12 * mebibyte + 17);
    const plan = await client.artifacts.beginUpload(prepared);
    expect(plan.single).toBeUndefined();
    const multipart = plan.multipart;
    if (!multipart) throw new Error("expected a multipart plan");
    expect(multipart.parts.map((part) => [part.partNumber, part.start, part.end])).toEqual([
      [1, 0, 5 * mebibyte],
      [2, 5 * mebibyte, 10 * mebibyte],
      [3, 10 * mebibyte, bytes.length],
    ]);
    if (storage === "s3") expect(multipart.uploadId).toMatch(/\S/);
    else expect(multipart.uploadId).toBeNull();

    const events: ProgressEvent[] = [];
    const sent = await sendUploadPlan(pageTransport, file, JSON.parse(JSON.stringify(plan)), {
      concurrency: 3,
      onProgress: (event) => events.push(event),
    });
    expect(sent.artifactId).toBe(plan.artifactId);
    expect(sent.uploadId).toBe(multipart.uploadId);
    expect(sent.parts.map((part) => part.partNumber)).toEqual([1, 2, 3]);
    for (const part of sent.parts) {
      if (storage === "s3") expect(part.etag).toMatch(/^"?[0-9a-f]{32}"?$/);
      else expect(part.etag).toBeNull();
    }
    expect(events.at(-1)).toEqual({
      phase: "uploading",
      loaded: bytes.length,
      total: bytes.length,
    });
    const loaded = events.map((event) => event.loaded);
    expect(loaded).toEqual([...loaded].sort((left, right) => left - right));
    // Nothing is stored under the object's key until the server completes the upload.
    expect((await recordOf(storage, plan.artifactId))?.status).toBe("pending_upload");

    const artifact = await client.artifacts.completeUpload(JSON.parse(JSON.stringify(sent)));
    expect(artifact.status).toBe("uploaded");
    expect(artifact.file_hash).toBe(await sha256Hex(bytes));
    const download = await client.artifacts.download(plan.artifactId, { concurrency: 4 });
    expect(await sameBytes(download.blob, bytes)).toBe(true);
  });

  it("marks the record upload_failed when the page never sent the bytes", async () => {
    const client = clientFor(storage);
    const { prepared } = await preparedFile(`never-sent-${storage}`, 4096);
    const plan = await client.artifacts.beginUpload(prepared);
    const error = await client.artifacts
      .completeUpload({ artifactId: plan.artifactId, parts: [] })
      .catch((caught: unknown) => caught);
    expect(FileUploadError.isInstance(error)).toBe(true);
    expect((error as FileUploadError).artifactStatus).toBe("upload_failed");
    expect((await recordOf(storage, plan.artifactId))?.status).toBe("upload_failed");
  });

  it("marks the record upload_failed when storage holds another size than recorded", async () => {
    const client = clientFor(storage);
    const { file, prepared } = await preparedFile(`short-${storage}`, 64 * 1024);
    const plan = await client.artifacts.beginUpload(prepared);
    if (!plan.single) throw new Error("expected a single-PUT plan");
    const response = await fetch(plan.single.url, {
      method: "PUT",
      headers: plan.single.headers,
      body: file.slice(0, file.size - 512),
    });
    expect(response.status).toBeLessThan(300);
    const error = await client.artifacts
      .completeUpload({ artifactId: plan.artifactId })
      .catch((caught: unknown) => caught);
    expect(FileUploadError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(`${file.size - 512} bytes`);
    expect((await recordOf(storage, plan.artifactId))?.status).toBe("upload_failed");
  });

  it("refuses the wrong parts, and marks the record upload_failed", async () => {
    const client = clientFor(storage);
    const { file, prepared } = await preparedFile(`missing-part-${storage}`, 12 * mebibyte);
    const plan = await client.artifacts.beginUpload(prepared);
    const sent = await sendUploadPlan(pageTransport, file, plan);
    const error = await client.artifacts
      .completeUpload({ ...sent, parts: sent.parts.slice(0, 2) })
      .catch((caught: unknown) => caught);
    expect(FileUploadError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/are not the 3 parts/);
    expect((await recordOf(storage, plan.artifactId))?.status).toBe("upload_failed");
  });

  it("refuses to complete a record that is not pending_upload, leaving it as it is", async () => {
    const client = clientFor(storage);
    const { file, prepared } = await preparedFile(`twice-${storage}`, 8192);
    const plan = await client.artifacts.beginUpload(prepared);
    const sent = await sendWithFetch(file, plan);
    await client.artifacts.completeUpload(sent);
    const again = await client.artifacts.completeUpload(sent).catch((caught: unknown) => caught);
    expect(FileUploadError.isInstance(again)).toBe(true);
    expect((again as FileUploadError).artifactStatus).toBe("uploaded");
    expect((await recordOf(storage, plan.artifactId))?.status).toBe("uploaded");
    // Nor can a page turn a finished upload into a failed one.
    const aborted = await client.artifacts
      .abortUpload({ artifactId: plan.artifactId })
      .catch((caught: unknown) => caught);
    expect(FileUploadError.isInstance(aborted)).toBe(true);
    expect((await recordOf(storage, plan.artifactId))?.status).toBe("uploaded");
  });

  it("aborts: pending_upload becomes upload_failed, and a second abort returns it as is", async () => {
    const client = clientFor(storage);
    const { prepared } = await preparedFile(`abort-${storage}`, 4096);
    const plan = await client.artifacts.beginUpload(prepared);
    const first = await client.artifacts.abortUpload({ artifactId: plan.artifactId });
    expect(first.status).toBe("upload_failed");
    const second = await client.artifacts.abortUpload({ artifactId: plan.artifactId });
    expect(second.status).toBe("upload_failed");
    expect((await recordOf(storage, plan.artifactId))?.status).toBe("upload_failed");
    const completed = await client.artifacts
      .completeUpload({ artifactId: plan.artifactId })
      .catch((caught: unknown) => caught);
    expect((completed as FileUploadError).artifactStatus).toBe("upload_failed");
  });
});

describe("completing an S3 upload with what the page claims", () => {
  it("fails with another object's upload id, and marks the record upload_failed", async () => {
    const mine = await preparedFile("mine", 12 * mebibyte);
    const theirs = await preparedFile("theirs", 12 * mebibyte);
    const myPlan = await luml.artifacts.beginUpload(mine.prepared);
    const theirPlan = await luml.artifacts.beginUpload(theirs.prepared);
    const sent = await sendUploadPlan(pageTransport, mine.file, myPlan);
    const error = await luml.artifacts
      .completeUpload({ ...sent, uploadId: theirPlan.multipart?.uploadId })
      .catch((caught: unknown) => caught);
    expect(FileUploadError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/NoSuchUpload|does not exist/);
    expect((await recordOf("s3", myPlan.artifactId))?.status).toBe("upload_failed");
    // The other upload was not touched.
    expect((await recordOf("s3", theirPlan.artifactId))?.status).toBe("pending_upload");
  });

  it("fails with a forged ETag (storage checks each one), and marks the record upload_failed", async () => {
    const { file, prepared } = await preparedFile("forged-etag", 12 * mebibyte);
    const plan = await luml.artifacts.beginUpload(prepared);
    const sent = await sendUploadPlan(pageTransport, file, plan);
    const parts = sent.parts.map((part, index) =>
      index === 1 ? { ...part, etag: `"${"0".repeat(32)}"` } : part,
    );
    const error = await luml.artifacts
      .completeUpload({ ...sent, parts })
      .catch((caught: unknown) => caught);
    expect(FileUploadError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/InvalidPart:/);
    expect((await recordOf("s3", plan.artifactId))?.status).toBe("upload_failed");
  });

  it("escapes an ETag carrying XML instead of sending it as markup", async () => {
    const { file, prepared } = await preparedFile("xml-etag", 12 * mebibyte);
    const plan = await luml.artifacts.beginUpload(prepared);
    const sent = await sendUploadPlan(pageTransport, file, plan);
    const injected = `${sent.parts[0]?.etag}</ETag></Part><Part><PartNumber>9</PartNumber><ETag>x`;
    const error = await luml.artifacts
      .completeUpload({
        ...sent,
        parts: [{ partNumber: 1, etag: injected }, ...sent.parts.slice(1)],
      })
      .catch((caught: unknown) => caught);
    expect(FileUploadError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/InvalidPart:/);
    expect((await recordOf("s3", plan.artifactId))?.status).toBe("upload_failed");
  });
});

describe("beginUpload", () => {
  it("uses only the prepared fields: the page cannot name, tag or type the record", async () => {
    const { prepared } = await preparedFile("extra-fields", 4096);
    const plan = await luml.artifacts.beginUpload({
      ...prepared,
      name: "chosen by the page",
      tags: ["page"],
      status: "uploaded",
      type: "dataset",
    } as PreparedUpload);
    const record = await recordOf("s3", plan.artifactId);
    expect(record).toMatchObject({
      name: prepared.file_name,
      tags: null,
      status: "pending_upload",
      type: "model",
    });
  });

  it("marks the record upload_failed when S3 refuses to start the multipart upload", async () => {
    const { prepared } = await preparedFile("no-start", 12 * mebibyte);
    server.faults.add({
      target: "s3",
      method: "POST",
      path: "[?&]uploads(=|&|$)",
      times: 5,
      action: { status: 500, body: "<Error><Code>InternalError</Code></Error>" },
    });
    const error = await luml.artifacts.beginUpload(prepared).catch((caught: unknown) => caught);
    expect(FileUploadError.isInstance(error)).toBe(true);
    const { artifactId, artifactStatus } = error as FileUploadError;
    expect(artifactStatus).toBe("upload_failed");
    expect((await recordOf("s3", artifactId as string))?.status).toBe("upload_failed");
  });

  const valid = () => preparedFile("checks", 2048).then(({ prepared }) => prepared);
  const cases: Array<{
    what: string;
    change: (prepared: PreparedUpload) => unknown;
    error: (error: unknown) => boolean;
  }> = [
    {
      what: "a hash that is not sha256 hex",
      change: (prepared) => ({ ...prepared, file_hash: "abc" }),
      error: (error) => (error as InvalidArgumentError).argument === "prepared.file_hash",
    },
    {
      what: "a file_index entry that is not [offset, size]",
      change: (prepared) => ({ ...prepared, file_index: { "manifest.json": [512] } }),
      error: (error) =>
        (error as InvalidArgumentError).argument?.startsWith("prepared.file_index") ?? false,
    },
    {
      what: "a manifest that is an array",
      change: (prepared) => ({ ...prepared, manifest: [] }),
      error: (error) => (error as InvalidArgumentError).argument === "prepared.manifest",
    },
    {
      what: "a manifest the service would refuse, named",
      change: (prepared) => ({ ...prepared, manifest: { artifact_type: "dataset", payload: {} } }),
      error: (error) =>
        (error as InvalidArgumentError).argument === "prepared.manifest" &&
        (error as Error).message.includes("variant is missing"),
    },
    {
      what: "a missing size",
      change: ({ size: _size, ...rest }) => rest,
      error: (error) => (error as InvalidArgumentError).argument === "prepared.size",
    },
    {
      what: "an extension that is not an artifact's",
      change: (prepared) => ({ ...prepared, file_name: "notes.txt" }),
      error: (error) => (error as FileError).code === "unsupported_extension",
    },
    {
      what: "a file name with a directory",
      change: (prepared) => ({ ...prepared, file_name: "../model.fnnx" }),
      error: (error) => (error as FileError).code === "invalid_name",
    },
    {
      what: "a size over 5 TiB",
      change: (prepared) => ({ ...prepared, size: 5 * 1024 ** 4 + 1 }),
      error: (error) => (error as FileError).code === "too_large",
    },
    {
      what: "no object at all",
      change: () => "model.fnnx",
      error: (error) => (error as InvalidArgumentError).argument === "prepared",
    },
  ];
  for (const { what, change, error: matches } of cases) {
    it(`refuses ${what} before any request`, async () => {
      const prepared = change(await valid());
      let error: unknown;
      const requests = await apiRequestsDuring(async () => {
        error = await luml.artifacts
          .beginUpload(prepared as PreparedUpload)
          .catch((caught: unknown) => caught);
      });
      expect(error).toBeInstanceOf(Error);
      expect(matches(error)).toBe(true);
      expect(requests).toBe(0);
    });
  }
});

describe("completeUpload and abortUpload arguments", () => {
  const cases: Array<{ what: string; call: () => Promise<unknown>; argument: string }> = [
    {
      what: "a missing artifactId",
      call: () => luml.artifacts.completeUpload({ parts: [] } as never),
      argument: "upload.artifactId",
    },
    {
      what: "a part number twice",
      call: () =>
        luml.artifacts.completeUpload({
          artifactId: "a",
          uploadId: "u",
          parts: [
            { partNumber: 1, etag: '"x"' },
            { partNumber: 1, etag: '"y"' },
          ],
        }),
      argument: "upload.parts",
    },
    {
      what: "a part number of 0",
      call: () =>
        luml.artifacts.completeUpload({ artifactId: "a", parts: [{ partNumber: 0, etag: "x" }] }),
      argument: "upload.parts.0.partNumber",
    },
    {
      what: "an abort without an artifactId",
      call: () => luml.artifacts.abortUpload({} as never),
      argument: "artifactId",
    },
  ];
  for (const { what, call, argument } of cases) {
    it(`refuses ${what} before any request`, async () => {
      let error: unknown;
      const requests = await apiRequestsDuring(async () => {
        error = await call().catch((caught: unknown) => caught);
      });
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe(argument);
      expect(requests).toBe(0);
    });
  }

  it("says there is no such record for an unknown id, changing nothing", async () => {
    await expect(
      luml.artifacts.completeUpload({ artifactId: "0190a0a0-0000-7000-8000-000000000000" }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("sendUploadPlan", () => {
  it("refuses a file of another size than planned, before any request", async () => {
    const { file, prepared } = await preparedFile("other-file", 4096);
    const plan = await luml.artifacts.beginUpload(prepared);
    const error = await sendUploadPlan(pageTransport, file.slice(1), plan).catch(
      (caught: unknown) => caught,
    );
    expect((error as InvalidArgumentError).argument).toBe("file");
    expect((await recordOf("s3", plan.artifactId))?.status).toBe("pending_upload");
  });

  it("refuses a concurrency outside 1 to 64, as upload and download do, before any request", async () => {
    const { file, prepared } = await preparedFile("concurrency", 4096);
    const plan = await luml.artifacts.beginUpload(prepared);
    for (const concurrency of [0, 65, 2.5, "4"]) {
      const error = await sendUploadPlan(pageTransport, file, plan, {
        concurrency: concurrency as number,
      }).catch((caught: unknown) => caught);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe("concurrency");
    }
    expect((await recordOf("s3", plan.artifactId))?.status).toBe("pending_upload");
  });

  it("refuses a plan whose parts leave bytes out", async () => {
    const { file, prepared } = await preparedFile("gap", 12 * mebibyte);
    const plan = await luml.artifacts.beginUpload(prepared);
    const parts = plan.multipart?.parts ?? [];
    const gapped = { ...plan, multipart: { uploadId: null, parts: [parts[0], parts[2]] } };
    const error = await sendUploadPlan(pageTransport, file, gapped as UploadPlan).catch(
      (caught: unknown) => caught,
    );
    expect((error as InvalidArgumentError).argument).toBe("plan.multipart.parts");
  });

  it("refuses a plan with a URL that is not http(s)", async () => {
    const plan = {
      artifactId: "a",
      collectionId: "c",
      fileName: "model.fnnx",
      storage: "s3",
      size: 3,
      single: { url: "javascript:alert(1)", headers: {} },
    };
    const error = await sendUploadPlan(pageTransport, new Blob(["abc"]), plan as UploadPlan).catch(
      (caught: unknown) => caught,
    );
    expect((error as InvalidArgumentError).argument).toBe("plan.single.url");
  });

  it("retries a part storage refuses once, and reports failures as FileUploadError", async () => {
    const { file, prepared } = await preparedFile("retry-part", 12 * mebibyte);
    const plan = await luml.artifacts.beginUpload(prepared);
    server.faults.add({
      target: "s3",
      method: "PUT",
      path: "partNumber=2",
      action: { status: 503, retryAfter: 0 },
    });
    const sent = await sendUploadPlan(pageTransport, file, plan);
    expect(server.faults.list()[0]?.fired).toBe(1);
    expect((await luml.artifacts.completeUpload(sent)).status).toBe("uploaded");

    const other = await preparedFile("refused-part", 12 * mebibyte);
    const refused = await luml.artifacts.beginUpload(other.prepared);
    server.faults.add({
      target: "s3",
      method: "PUT",
      path: "partNumber=3",
      times: 10,
      action: { status: 403, body: "<Error><Code>AccessDenied</Code></Error>" },
    });
    const error = await sendUploadPlan(pageTransport, other.file, refused).catch(
      (caught: unknown) => caught,
    );
    expect(FileUploadError.isInstance(error)).toBe(true);
    expect((error as FileUploadError).artifactId).toBe(refused.artifactId);
    expect((error as Error).message).toContain("abortUpload");
  });
});
