/// <reference types="node" />
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ArchiveFixtures,
  expectedFileIndex,
  makeArchiveFixtures,
} from "../../test/fixtures/archive/fixtures";
import { FileError } from "../errors";
import { indexArchive } from "./index-archive";

let fixtures: ArchiveFixtures;
beforeAll(async () => {
  fixtures = await makeArchiveFixtures({ many: 10_000 });
}, 120_000);
afterAll(() => fixtures?.remove());

async function failure(source: Blob, fileName?: string): Promise<FileError> {
  const error = await indexArchive(source, { fileName }).catch((caught: unknown) => caught);
  expect(FileError.isInstance(error), String(error)).toBe(true);
  return error as FileError;
}

describe("indexArchive", () => {
  it("indexes a model archive like the official client's example", async () => {
    const index = await indexArchive(await fixtures.open("model.fnnx"));
    expect(index.file_index).toEqual(expectedFileIndex(fixtures.expected["model.fnnx"] ?? []));
    expect(Object.keys(index.file_index)).toContain("ops_artifacts/onnx_main/model.onnx");
    expect(index.file_index["manifest.json"]?.[0]).toBe(1024);
    expect(index.manifest).toMatchObject({
      variant: "pipeline",
      producer_name: "falcon.beastbyte.ai",
      producer_tags: [
        "falcon.beastbyte.ai::tabular_regression:v1",
        "dataforce.studio::tabular_regression:v1",
      ],
    });
    expect(index.extra_values).toEqual({ R2: 0.8449933416622079, MAE: 2753.903519270197 });
  });

  it("reads a LUML-artifact manifest and registry metrics", async () => {
    const index = await indexArchive(await fixtures.open("registry.luml"));
    expect(index.manifest).toEqual({
      artifact_type: "experiment",
      name: "run-42",
      payload: { steps: 3 },
    });
    expect(index.extra_values).toEqual({ F1: 0.91, loss: 0.2 });
  });

  it("gives no metrics when meta.json is absent or unreadable", async () => {
    for (const name of ["no-meta.pyfnx", "meta-not-json.dfs"]) {
      const index = await indexArchive(await fixtures.open(name));
      expect(index.extra_values, name).toEqual({});
      expect(index.manifest.variant, name).toBe("pipeline");
    }
  });

  it.each([
    "ustar.tar",
    "gnu.tar",
    "pax.tar",
    "v7.tar",
    "big-gnu.tar",
    "big-pax.tar",
    "sparse-pax-1.0.tar",
    "many.tar",
  ])("%s: file_index equals what tarfile reports", async (name) => {
    const index = await indexArchive(await fixtures.open(name));
    expect(index.file_index).toEqual(expectedFileIndex(fixtures.expected[name] ?? []));
  });

  it("keeps the last of two members with the same path, as tarfile does", async () => {
    const index = await indexArchive(await fixtures.open("ustar.tar"));
    expect(index.file_index["data/dup.txt"]?.[1]).toBe("second, longer".length);
  });

  it("names the file in errors, from the File itself or the fileName option", async () => {
    const bytes = new TextEncoder().encode("definitely not a tar archive".repeat(40));
    const error = await failure(new File([bytes], "model.fnnx"));
    expect(error.code).toBe("not_a_tar");
    expect(error.fileName).toBe("model.fnnx");
    expect(error.message).toMatch(
      /^model\.fnnx is not a tar archive \(bad header checksum at byte 0\)/,
    );
    expect((await failure(new Blob([bytes]), "other.dfs")).message).toMatch(/^other\.dfs /);
  });

  it("requires manifest.json at the archive's root", async () => {
    const error = await failure(await fixtures.open("no-manifest.tar"), "no-manifest.tar");
    expect(error.code).toBe("missing_manifest");
    expect(error.message).toBe(
      "manifest.json is missing from no-manifest.tar: an artifact archive must contain it at its root.",
    );
  });

  it("rejects a manifest that is not a JSON object", async () => {
    const notJson = await failure(await fixtures.open("manifest-not-json.fnnx"));
    expect(notJson.code).toBe("invalid_manifest");
    expect(notJson.message).toContain("is not valid JSON");
    expect(notJson.cause).toBeInstanceOf(SyntaxError);
    const array = await failure(await fixtures.open("manifest-array.fnnx"));
    expect(array.code).toBe("invalid_manifest");
    expect(array.message).toContain("holds an array");
  });

  it("rejects a truncated archive", async () => {
    const bytes = await fixtures.bytes("model.fnnx");
    const [, offset = 0] = fixtures.expected["model.fnnx"]?.[4] ?? [];
    const error = await failure(new Blob([bytes.subarray(0, offset + 1000)]), "model.fnnx");
    expect(error.code).toBe("truncated");
    expect(error.message).toContain("member ops_artifacts/onnx_main/model.onnx needs 230400 bytes");
  });

  it("stops when its signal is aborted", async () => {
    const controller = new AbortController();
    const reason = new Error("cancelled by the user");
    controller.abort(reason);
    const source = await fixtures.open("many.tar");
    await expect(indexArchive(source, { signal: controller.signal })).rejects.toBe(reason);
  });
});
