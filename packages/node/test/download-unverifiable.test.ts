import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Artifact, FileDownloadError, LumlClient } from "../src/index";
import { buildModelArchive, writeArchive } from "./build-archive";
import { rejectionOf } from "./file-edits";
import { seededClientOptions, useTestServer } from "./test-server";

// Records made by other clients may carry a `file_hash` that is no sha256 (the
// Python client's docs create one with "abc123"), or an empty one. Such a file
// cannot be verified: the download refuses before any storage request, and never
// hands over bytes it did not check.

const shared = useTestServer({ faults: true }, "luml-unverifiable-");
let luml: LumlClient;
let bytes: Uint8Array<ArrayBuffer>;
let template: Artifact;

beforeAll(async () => {
  luml = await LumlClient.create(seededClientOptions(shared.server, "s3"));
  const path = join(shared.folder, "template.fnnx");
  await writeArchive(path, buildModelArchive(64 * 1024));
  bytes = new Uint8Array(await readFile(path));
  template = await luml.artifacts.upload(path);
}, 60_000);

afterEach(() => shared.server.faults.clear());

/** An `uploaded` record holding the template's bytes under `fileHash`, made over the raw API. */
async function recordWithHash(fileHash: string): Promise<string> {
  const { seeded } = shared.server;
  const collectionPath = `/v1/organizations/${seeded.organization.id}/orbits/${seeded.orbits.s3.id}/collections/${seeded.collections.s3.id}/artifacts`;
  const api = (path: string, method: string, body: unknown) =>
    fetch(`${shared.server.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${shared.server.apiKey}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
    }).then(async (response) => {
      expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
      return response.json();
    });
  const created = await api(collectionPath, "POST", {
    file_name: `unverifiable-${Math.random().toString(36).slice(2, 8)}.fnnx`,
    name: null,
    description: null,
    extra_values: template.extra_values,
    manifest: template.manifest,
    file_hash: fileHash,
    file_index: template.file_index,
    size: bytes.byteLength,
    tags: null,
  });
  const put = await fetch(created.upload_details.url, { method: "PUT", body: bytes });
  expect(put.ok).toBe(true);
  await api(`${collectionPath}/${created.artifact.id}`, "PATCH", { status: "uploaded" });
  return created.artifact.id;
}

describe("artifacts.download of a record whose file_hash is no sha256", () => {
  it.each([
    ["empty", ""],
    ["not a sha256", "abc123"],
  ])(
    "%s: FileDownloadError before any storage request, nothing saved",
    async (_label, fileHash) => {
      const id = await recordWithHash(fileHash);
      const cases = await mkdtemp(join(shared.folder, "case-"));
      const storageGet = await shared.server.faults.add({
        target: "s3",
        method: "GET",
        path: "unverifiable-",
        times: 100,
        action: { status: 503 },
      });

      const error = await rejectionOf(luml.artifacts.download(id, { to: cases }));

      expect(FileDownloadError.isInstance(error), String(error)).toBe(true);
      expect((error as FileDownloadError).message).toMatch(/no sha256/);
      expect((error as FileDownloadError).artifactId).toBe(id);
      expect(await readdir(cases)).toEqual([]);
      const rule = (await shared.server.faults.list()).find((each) => each.id === storageGet);
      expect(rule?.matched, "storage GETs of the file").toBe(0);
    },
  );

  it("downloadStream refuses too, before handing over a stream", async () => {
    const id = await recordWithHash("");
    const error = await rejectionOf(luml.artifacts.downloadStream(id));
    expect(FileDownloadError.isInstance(error), String(error)).toBe(true);
  });
});
