import type { DevServer } from "@luml/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactBody, seededClient, startServer } from "../../test/support/dev-server";
import type { LumlClient } from "../client";
import {
  CollectionNotFoundError,
  InvalidArgumentError,
  NotFoundError,
  UnprocessableEntityError,
} from "../errors";

let server: DevServer;
let luml: LumlClient;
beforeAll(async () => {
  server = await startServer({ multipartThreshold: 1024, partSize: 512 });
  luml = await seededClient(server, "s3");
});
afterAll(() => server?.stop());

describe("collections", () => {
  it("lists a page and iterates all", async () => {
    const page = await luml.collections.list({ limit: 10, sortBy: "name", order: "asc" });
    expect(page.items.map((item) => item.id)).toEqual([server.seeded.collections.s3.id]);
    expect(page.cursor ?? null).toBeNull();
    const all = [];
    for await (const collection of luml.collections.listAll({ types: ["mixed"] }))
      all.push(collection);
    expect(all).toHaveLength(1);
    expect(all[0]?.type).toBe("mixed");
  });

  it("searches by name", async () => {
    const name = server.seeded.collections.s3.name;
    const hit = await luml.collections.list({ search: name.slice(1, 4).toUpperCase() });
    expect(hit.items).toHaveLength(1);
    expect((await luml.collections.list({ search: "zzz-nothing" })).items).toEqual([]);
  });

  it("gets details by id, by name and by default", async () => {
    const { id, name } = server.seeded.collections.s3;
    expect((await luml.collections.get(id)).name).toBe(name);
    expect((await luml.collections.get(name)).id).toBe(id);
    const details = await luml.collections.get();
    expect(details.id).toBe(id);
    expect(Array.isArray(details.artifacts_extra_values ?? [])).toBe(true);
    await expect(luml.collections.get("Nope")).rejects.toBeInstanceOf(CollectionNotFoundError);
  });

  it("validates options before any request", async () => {
    await expect(luml.collections.list({ limit: 500 })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(
      luml.collections.list({ sortBy: "size" as unknown as "name" }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(
      luml.collections.list({ types: ["models" as unknown as "model"] }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe("bucketSecrets", () => {
  it("returns S3 part URLs for a multipart upload", async () => {
    const created = await luml.artifacts.create(artifactBody({ size: 2000 }));
    expect(created.upload_details.multipart).toBe(true);
    const initiated = await luml.artifacts.transport.storage({
      method: "POST",
      url: created.upload_details.url as string,
    });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(initiated.text ?? "")?.[1] as string;
    const info = await luml.bucketSecrets.getMultipartUploadUrls({
      bucketId: created.upload_details.bucket_secret_id,
      bucketLocation: created.upload_details.bucket_location,
      size: 2000,
      uploadId,
    });
    expect(info.type).toBe("s3");
    expect(info.parts.map((part) => [part.part_number, part.start_byte, part.end_byte])).toEqual([
      [1, 0, 511],
      [2, 512, 1023],
      [3, 1024, 1535],
      [4, 1536, 1999],
    ]);
    expect(info.complete_url).toMatch(/^http/);
  });

  it("validates before any request and maps server refusals", async () => {
    await expect(
      luml.bucketSecrets.getMultipartUploadUrls({
        bucketId: "",
        bucketLocation: "x",
        size: 1,
        uploadId: null,
      }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(
      luml.bucketSecrets.getMultipartUploadUrls({
        bucketId: "b",
        bucketLocation: "x",
        size: -1,
        uploadId: null,
      }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    const error = await luml.bucketSecrets
      .getMultipartUploadUrls({
        bucketId: "not-a-uuid",
        bucketLocation: "x",
        size: 1,
        uploadId: null,
      })
      .catch((caught: unknown) => caught);
    expect(UnprocessableEntityError.isInstance(error) || NotFoundError.isInstance(error)).toBe(
      true,
    );
  });
});
