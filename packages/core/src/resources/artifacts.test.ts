import type { DevServer } from "@luml/dev-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { apiRequestsDuring } from "../../test/support/api-requests-during";
import { artifactBody, clientFor, seededClient, startServer } from "../../test/support/dev-server";
import type { LumlClient } from "../client";
import { LumlClient as Client } from "../client";
import type { FileError } from "../errors";
import {
  BadRequestError,
  CollectionNotFoundError,
  ConfigurationError,
  ConflictError,
  InternalServerError,
  InvalidArgumentError,
  MultipleResourcesFoundError,
  NotFoundError,
  UnprocessableEntityError,
} from "../errors";

let server: DevServer;
let luml: LumlClient;
let lumlAzure: LumlClient;
beforeAll(async () => {
  server = await startServer();
  luml = await seededClient(server, "s3", { maxRetries: 0 });
  lumlAzure = await seededClient(server, "azure", { maxRetries: 0 });
});
afterAll(() => server?.stop());
afterEach(() => server.faults.clear());

/** A client pointed at a closed port: any request would fail with a connection error. */
function offlineClient(): LumlClient {
  return new Client({
    apiKey: server.apiKey,
    baseUrl: "http://127.0.0.1:9",
    organization: server.seeded.organization.id,
    orbit: server.seeded.orbits.s3.id,
    collection: server.seeded.collections.s3.id,
    maxRetries: 0,
  });
}

describe("artifacts.create", () => {
  it("creates a pending record and returns upload details", async () => {
    const created = await luml.artifacts.create(
      artifactBody({ name: "created-one", tags: ["a"], extra_values: { F1: 0.5 } }),
    );
    expect(created.artifact.status).toBe("pending_upload");
    expect(created.artifact.name).toBe("created-one");
    expect(created.artifact.extra_values).toEqual({ F1: 0.5 });
    expect(created.artifact.collection_id).toBe(server.seeded.collections.s3.id);
    expect(created.upload_details.type).toBe("s3");
    expect(created.upload_details.multipart).toBe(false);
  });

  it("checks the file name and size before any request", async () => {
    const offline = offlineClient();
    const badName = await offline.artifacts
      .create(artifactBody({ file_name: "no-extension" }))
      .catch((error: unknown) => error);
    expect(badName).toBeInstanceOf(InvalidArgumentError);
    expect((badName as InvalidArgumentError).argument).toBe("file_name");
    const tooLarge = await offline.artifacts
      .create(artifactBody({ size: 5 * 1024 ** 4 + 1 }))
      .catch((error: unknown) => error);
    expect((tooLarge as FileError).code).toBe("too_large");
    // The Python client's docs create with file_hash="abc123": a record never verifiable.
    const madeUpHash = await offline.artifacts
      .create(artifactBody({ file_hash: "abc123" }))
      .catch((error: unknown) => error);
    expect(madeUpHash).toBeInstanceOf(InvalidArgumentError);
    expect((madeUpHash as InvalidArgumentError).argument).toBe("file_hash");
  });

  it("does not repeat a create POST that failed with a 503", async () => {
    server.faults.add({
      target: "api",
      method: "POST",
      path: "/artifacts$",
      action: { status: 503, retryAfter: 0 },
    });
    const retrying = await seededClient(server, "s3", { maxRetries: 3 });
    await expect(retrying.artifacts.create(artifactBody())).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(server.faults.list()[0]?.matched).toBe(1);
  });

  it("needs a collection, before any request", async () => {
    const client = await Client.create({
      apiKey: server.apiKey,
      baseUrl: server.baseUrl,
      organization: server.seeded.organization.id,
    });
    await expect(client.artifacts.create(artifactBody())).rejects.toBeInstanceOf(
      ConfigurationError,
    );
    // The organization has two orbits: the orbit is what is missing first.
    await expect(client.artifacts.list()).rejects.toThrow(/^No orbit configured/);
  });

  it("accepts a per-call collectionId inside the default orbit", async () => {
    const client = await Client.create({
      apiKey: server.apiKey,
      baseUrl: server.baseUrl,
      organization: server.seeded.organization.id,
      orbit: server.seeded.orbits.azure.id,
    });
    client.collection = undefined;
    const collectionId = server.seeded.collections.azure.id;
    const created = await client.artifacts.create(artifactBody({ name: "in-azure" }), {
      collectionId,
    });
    expect(created.artifact.collection_id).toBe(collectionId);
    expect(created.upload_details.type).toBe("azure");
    await expect(luml.artifacts.create(artifactBody(), { collectionId })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("artifacts.get", () => {
  it("finds by id, by exact name and by file name; null when absent", async () => {
    const { artifact } = await luml.artifacts.create(
      artifactBody({ name: "findable", file_name: "findable.luml" }),
    );
    expect((await luml.artifacts.get(artifact.id))?.name).toBe("findable");
    const byName = await luml.artifacts.get("findable");
    expect(byName?.id).toBe(artifact.id);
    expect(byName?.collection?.id).toBe(server.seeded.collections.s3.id);
    expect((await luml.artifacts.get("findable.luml"))?.id).toBe(artifact.id);
    expect(await luml.artifacts.get("findabl")).toBeNull();
    expect(await luml.artifacts.get("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("says when the collection, not the artifact, is what does not exist", async () => {
    const { artifact } = await luml.artifacts.create(artifactBody({ name: "scoped" }));
    const ownCollection = server.seeded.collections.s3.id;
    expect((await luml.artifacts.get("scoped", { collectionId: ownCollection }))?.id).toBe(
      artifact.id,
    );
    expect(await luml.artifacts.get("absent", { collectionId: ownCollection })).toBeNull();
    // One digit off, and a real collection of another orbit.
    const typo = `${ownCollection.slice(0, -1)}${ownCollection.endsWith("0") ? "1" : "0"}`;
    for (const collectionId of [typo, server.seeded.collections.azure.id]) {
      for (const value of ["scoped", artifact.id]) {
        const error = await luml.artifacts.get(value, { collectionId }).then(
          (found) => new Error(`get resolved with ${JSON.stringify(found)}`),
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(CollectionNotFoundError);
        expect((error as CollectionNotFoundError).requested).toBe(collectionId);
      }
    }
  });

  it("refuses an ambiguous name", async () => {
    const first = await luml.artifacts.create(artifactBody({ name: "twin" }));
    const second = await luml.artifacts.create(artifactBody({ name: "twin" }));
    const error = await luml.artifacts.get("twin").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MultipleResourcesFoundError);
    expect((error as MultipleResourcesFoundError).ids.sort()).toEqual(
      [first.artifact.id, second.artifact.id].sort(),
    );
  });
});

describe("option names", () => {
  it("refuses an option a call does not take, suggesting its camelCase, before any request", async () => {
    const collectionId = server.seeded.collections.s3.id;
    const loose = luml.artifacts as unknown as Record<string, (...args: unknown[]) => unknown>;
    const calls: Array<[string, () => unknown, RegExp]> = [
      ["list", () => loose.list?.({ sort_by: "F1" }), /"sort_by" \(did you mean "sortBy"\?\)/],
      ["get", () => loose.get?.("x", { collection_id: collectionId }), /"collectionId"\?/],
      ["get", () => loose.get?.("x", collectionId), /expected an object/],
      [
        "update",
        () => loose.update?.(collectionId, { name: "n" }, { colection: 1 }),
        /"colection"/,
      ],
      [
        "upload",
        () => loose.upload?.(new Blob(["x"]), { fileName: "a.luml", collection_id: collectionId }),
        /artifacts\.upload takes no option "collection_id" \(did you mean "collectionId"\?\)/,
      ],
      ["download", () => loose.download?.(collectionId, { to_path: "x" }), /"to_path"/],
      ["collections", () => luml.collections.list({ order_by: "name" } as never), /"order_by"/],
      // At the call itself, not at the loop's first step.
      ["listAll", () => loose.listAll?.({ sort_by: "F1" }), /"sort_by"/],
      ["collections.listAll", () => luml.collections.listAll({ limit: 0 }), /limit/],
    ];
    const errors: unknown[] = [];
    const requests = await apiRequestsDuring(server, async () => {
      for (const [, call] of calls)
        errors.push(
          await Promise.resolve()
            .then(call)
            .catch((e) => e),
        );
    });
    expect(requests).toBe(0);
    calls.forEach(([name, , message], index) => {
      expect(errors[index], name).toBeInstanceOf(InvalidArgumentError);
      expect((errors[index] as Error).message, name).toMatch(message);
    });
  });
});

describe("record fields", () => {
  it("refuses a field a create or an update body does not have, before any request", async () => {
    const collectionId = server.seeded.collections.azure.id;
    const loose = (body: Record<string, unknown>) => body as never;
    const calls: Array<[string, () => Promise<unknown>, RegExp]> = [
      [
        "create collection_id",
        () => luml.artifacts.create(loose({ ...artifactBody(), collection_id: collectionId })),
        /the collection is not a field of the record: pass it as an option, artifacts\.create\(body, \{ collectionId \}\)/,
      ],
      [
        "create camelCase",
        () => {
          const { file_name: _, ...rest } = artifactBody();
          return luml.artifacts.create(loose({ ...rest, fileName: "model.luml" }));
        },
        /unknown field "fileName" \(did you mean "file_name"\?\)/,
      ],
      [
        "create bogus",
        () => luml.artifacts.create(loose({ ...artifactBody(), bogus: 1 })),
        /"bogus"/,
      ],
      [
        "update collectionId",
        () => luml.artifacts.update(collectionId, loose({ name: "n", collectionId })),
        /artifacts\.update\(id, changes, \{ collectionId \}\)/,
      ],
    ];
    const errors: unknown[] = [];
    const requests = await apiRequestsDuring(server, async () => {
      for (const [, call] of calls) errors.push(await call().catch((error: unknown) => error));
    });
    expect(requests).toBe(0);
    calls.forEach(([name, , message], index) => {
      expect(errors[index], name).toBeInstanceOf(InvalidArgumentError);
      expect((errors[index] as Error).message, name).toMatch(message);
    });
  });
});

describe("artifacts.list and listAll", () => {
  const count = 230;
  let ids: string[];

  it("refuses an id as startAfter (it takes page.cursor) before any request", async () => {
    const { artifact } = await luml.artifacts.create(artifactBody({ name: "not-a-cursor" }));
    const errors: unknown[] = [];
    const requests = await apiRequestsDuring(server, async () => {
      errors.push(await luml.artifacts.list({ startAfter: artifact.id }).catch((e) => e));
      const collection = server.seeded.collections.s3.id;
      errors.push(await luml.collections.list({ startAfter: collection }).catch((e) => e));
    });
    expect(requests).toBe(0);
    for (const error of errors) {
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toMatch(/page\.cursor/);
    }
  });
  beforeAll(async () => {
    ids = [];
    const queue = Array.from({ length: count }, (_, index) => index);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
          const { artifact } = await lumlAzure.artifacts.create(
            artifactBody({ name: `paged-${index}`, extra_values: { F1: (index * 7919) % count } }),
          );
          ids.push(artifact.id);
        }
      }),
    );
  }, 120_000);

  it("pages with a cursor", async () => {
    const first = await lumlAzure.artifacts.list({ limit: 100, search: "paged-" });
    expect(first.items).toHaveLength(100);
    expect(first.cursor).toBeTruthy();
    const second = await lumlAzure.artifacts.list({
      limit: 100,
      search: "paged-",
      startAfter: first.cursor,
    });
    expect(second.items).toHaveLength(100);
    const overlap = second.items.filter((item) => first.items.some((seen) => seen.id === item.id));
    expect(overlap).toEqual([]);
    expect(first.items[0]?.collection_name).toBe(server.seeded.collections.azure.name);
  });

  it("iterates every page lazily, sorted by a metric", async () => {
    const seen: number[] = [];
    const seenIds = new Set<string>();
    for await (const artifact of lumlAzure.artifacts.listAll({
      search: "paged-",
      sortBy: "F1",
      order: "desc",
      limit: 50,
    })) {
      seen.push(artifact.extra_values?.F1 as number);
      seenIds.add(artifact.id);
    }
    expect(seenIds.size).toBe(count);
    expect([...seenIds].sort()).toEqual([...ids].sort());
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it("stops early without fetching the rest", async () => {
    let taken = 0;
    for await (const _artifact of lumlAzure.artifacts.listAll({ limit: 10 })) {
      taken += 1;
      if (taken === 3) break;
    }
    expect(taken).toBe(3);
  });

  it("filters by type", async () => {
    const page = await lumlAzure.artifacts.list({ types: ["dataset"], limit: 5 });
    expect(page.items).toEqual([]);
  });

  it("validates options before any request", async () => {
    const offline = offlineClient();
    await expect(offline.artifacts.list({ limit: 0 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(offline.artifacts.list({ limit: 101 })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    // A string from a command line or a query is quoted: "5" is not 5.
    await expect(offline.artifacts.list({ limit: "5" as unknown as number })).rejects.toThrow(
      'expected an integer from 1 to 100, got the string "5"',
    );
    await expect(
      offline.artifacts.list({ order: "up" as unknown as "asc" }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(
      offline.artifacts.list({ types: ["weights" as unknown as "model"] }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("maps an unknown sort column to BadRequestError", async () => {
    await expect(lumlAzure.artifacts.list({ sortBy: "no_such_metric" })).rejects.toBeInstanceOf(
      BadRequestError,
    );
  });
});

describe("artifacts.update, URLs and deletion", () => {
  it("updates name, description, tags and status", async () => {
    const { artifact } = await luml.artifacts.create(artifactBody({ name: "before" }));
    const updated = await luml.artifacts.update(artifact.id, {
      name: "after",
      description: "d",
      tags: ["x", "y"],
      status: "upload_failed",
    });
    expect(updated).toMatchObject({
      name: "after",
      description: "d",
      tags: ["x", "y"],
      status: "upload_failed",
    });
    await expect(luml.artifacts.update(artifact.id, { status: "uploaded" })).rejects.toBeInstanceOf(
      BadRequestError,
    );
    await expect(luml.artifacts.update(artifact.id, {})).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(
      luml.artifacts.update(artifact.id, { status: "pending_deletion" as unknown as "uploaded" }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("refuses an update that sets nothing, or a field it cannot set, before any request", async () => {
    const { artifact } = await luml.artifacts.create(artifactBody({ name: "unchanged" }));
    const changes = [
      { name: undefined },
      { name: undefined, description: undefined },
      { metrics: { F1: 0.9 } },
      { extra_values: { F1: 0.9 } },
    ] as unknown as Array<{ name?: string }>;
    const errors: unknown[] = [];
    const requests = await apiRequestsDuring(server, async () => {
      for (const change of changes) {
        errors.push(await luml.artifacts.update(artifact.id, change).catch((caught) => caught));
      }
    });
    expect(requests).toBe(0);
    for (const error of errors) expect(error).toBeInstanceOf(InvalidArgumentError);
    const error = await luml.artifacts
      .update(artifact.id, { metrics: {} } as unknown as { name: string })
      .then(
        () => new Error("the update succeeded"),
        (caught: Error) => caught,
      );
    expect(error.message).toMatch(/"metrics".*name, description, tags, status/);
    // A field given as undefined beside a real change is simply not sent.
    const renamed = await luml.artifacts.update(artifact.id, { name: "changed", tags: undefined });
    expect(renamed.name).toBe("changed");
  });

  it("renders FastAPI validation details readably", async () => {
    // An orbit id is sent as given (a name is resolved only for the client's default).
    const error = await luml.collections
      .list({ orbitId: "not-a-uuid" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).issues.length).toBeGreaterThan(0);
    expect((error as Error).message).toMatch(/^422 path\.orbit_id: /);
  });

  it("returns presigned download and delete URLs", async () => {
    const { artifact } = await luml.artifacts.create(artifactBody());
    const { url } = await luml.artifacts.downloadUrl(artifact.id);
    expect(url).toContain(artifact.bucket_location.split("/").pop());
    expect((await luml.artifacts.deleteUrl(artifact.id)).url).toMatch(/^http/);
    expect((await luml.artifacts.get(artifact.id))?.status).toBe("pending_deletion");
  });

  it("deletes through the whole protocol, on S3 and on Azure", async () => {
    for (const kind of ["s3", "azure"] as const) {
      const client = kind === "s3" ? luml : lumlAzure;
      const { artifact } = await client.artifacts.create(artifactBody());
      await client.artifacts.delete(artifact.id);
      expect(await client.artifacts.get(artifact.id)).toBeNull();
    }
  });

  it("marks the artifact deletion_failed when storage refuses", async () => {
    const { artifact } = await luml.artifacts.create(artifactBody());
    server.faults.add({
      target: "s3",
      method: "DELETE",
      path: artifact.unique_identifier ?? artifact.id,
      times: 5,
      action: { status: 500, body: "<Error><Code>InternalError</Code></Error>" },
    });
    await expect(luml.artifacts.delete(artifact.id)).rejects.toBeInstanceOf(InternalServerError);
    expect((await luml.artifacts.get(artifact.id))?.status).toBe("deletion_failed");
  });

  it("confirms a delete whose stored file is gone past the client's retries", async () => {
    const { artifact } = await luml.artifacts.create(artifactBody());
    server.faults.add({
      target: "api",
      method: "DELETE",
      path: `/artifacts/${artifact.id}$`,
      times: 3,
      action: { status: 503 },
    });
    // Two retries (the default) would give up on the third 503, leaving the record
    // pending_deletion with no file.
    await luml.artifacts.delete(artifact.id, { maxRetries: 2 });
    expect(server.faults.list()[0]?.matched).toBe(4);
    expect(await luml.artifacts.get(artifact.id)).toBeNull();
  });

  it("refuses to delete an artifact in use (409)", async () => {
    const { artifact } = await luml.artifacts.create(artifactBody());
    const response = await fetch(`${server.baseUrl}/_dev/artifacts/${artifact.id}/deployments`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.apiKey}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(201);
    await expect(luml.artifacts.delete(artifact.id)).rejects.toBeInstanceOf(ConflictError);
  });

  it("force-deletes a record whatever its status", async () => {
    const { artifact } = await luml.artifacts.create(artifactBody());
    await luml.artifacts.forceDelete(artifact.id);
    expect(await luml.artifacts.get(artifact.id)).toBeNull();
    await expect(luml.artifacts.forceDelete(artifact.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("rejects empty ids before any request", async () => {
    const offline = offlineClient();
    await expect(offline.artifacts.downloadUrl("")).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(offline.artifacts.delete(" ")).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(offline.artifacts.get("")).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe("a collectionId that is not an id", () => {
  /** Shaped like an artifact id; no artifact has it. */
  const someId = "00000000-0000-4000-8000-000000000000";
  const collectionId = "nope";
  const calls: Record<string, () => Promise<unknown>> = {
    list: () => luml.artifacts.list({ collectionId }),
    listAll: () => luml.artifacts.listAll({ collectionId }).next(),
    get: () => luml.artifacts.get("churn-model", { collectionId }),
    retrieve: () => luml.artifacts.retrieve(someId, { collectionId }),
    create: () => luml.artifacts.create(artifactBody(), { collectionId }),
    update: () => luml.artifacts.update(someId, { name: "renamed" }, { collectionId }),
    delete: () => luml.artifacts.delete(someId, { collectionId }),
    forceDelete: () => luml.artifacts.forceDelete(someId, { collectionId }),
    downloadUrl: () => luml.artifacts.downloadUrl(someId, { collectionId }),
    deleteUrl: () => luml.artifacts.deleteUrl(someId, { collectionId }),
    downloadStream: () => luml.artifacts.downloadStream(someId, { collectionId }),
    cleanupPendingUploads: () => luml.artifacts.cleanupPendingUploads({ collectionId }),
    scope: () => luml.artifacts.scope(collectionId),
    beginUpload: () =>
      luml.artifacts.beginUpload({ ...artifactBody(), extra_values: {} }, { collectionId }),
    completeUpload: () => luml.artifacts.completeUpload({ artifactId: someId, collectionId }),
    abortUpload: () => luml.artifacts.abortUpload({ artifactId: someId, collectionId }),
  };

  it("counts requests (the check below would notice one)", async () => {
    expect(await apiRequestsDuring(server, () => luml.artifacts.list())).toBeGreaterThan(0);
  });

  for (const [method, call] of Object.entries(calls)) {
    it(`${method} rejects it with an InvalidArgumentError before any request`, async () => {
      let error: unknown;
      const requests = await apiRequestsDuring(server, async () => {
        error = await call().catch((caught: unknown) => caught);
      });
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe("collectionId");
      expect((error as Error).message).toMatch(/expected a collection id, got "nope"/);
      expect(requests).toBe(0);
    });
  }
});

describe("a client without defaults", () => {
  it("works with per-call ids on collections", async () => {
    const client = clientFor(server);
    const page = await client.collections.list({
      organizationId: server.seeded.organization.id,
      orbitId: server.seeded.orbits.s3.id,
    });
    expect(page.items.map((item) => item.id)).toEqual([server.seeded.collections.s3.id]);
  });
});
