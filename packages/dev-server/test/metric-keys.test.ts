import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/start-dev-server";
import type { DevServer } from "../src/types";
import { artifactsPath, call, modelBody, modelManifest, orbitPath } from "./helpers";

/** Keys an object literal or a careless merge would lose or turn into prototype changes. */
const TRICKY_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ faults: true });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

/** JSON text of an object with exactly these own keys (an object literal would eat `__proto__`). */
function objectText(entries: Array<[string, unknown]>): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(",")}}`;
}

/**
 * A create body whose extra_values and file_index carry the tricky keys, and whose
 * model-form manifest has two of them beside its fields (unknown keys, so dropped).
 */
function trickyBody(value: number, name: string): string {
  const body = JSON.stringify(modelBody({ name, extra_values: 0, manifest: 1 }));
  const extraValues = objectText(TRICKY_KEYS.map((key, index) => [key, value + index]));
  const manifest = objectText([
    ...Object.entries(modelManifest()),
    ["__proto__", { artifact_type: "dataset" }],
    ["constructor", "dropped"],
  ]);
  const fileIndex = JSON.parse(body).file_index as Record<string, [number, number]>;
  const fileIndexText = objectText([
    ...Object.entries(fileIndex),
    ["__proto__", [1, 2]],
    ["constructor", [3, 4]],
  ]);
  return body
    .replace('"extra_values":0', `"extra_values":${extraValues}`)
    .replace('"manifest":1', `"manifest":${manifest}`)
    .replace(/"file_index":\{[^}]*\}/, `"file_index":${fileIndexText}`);
}

/** Own entries of what came back over the wire (JSON.parse keeps `__proto__` as an own key). */
function entriesOf(value: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(value);
}

describe("extra_values, manifest and file_index keys", () => {
  let ids: string[] = [];

  beforeAll(async () => {
    ids = [];
    for (const [value, name] of [
      [20, "middle"],
      [10, "low"],
      [30, "high"],
    ] as const) {
      const created = await call(server, "POST", artifactsPath(server), {
        body: trickyBody(value, name),
      });
      expect(created.status).toBe(200);
      ids.push(created.body.artifact.id);
    }
  });

  it("come back from create, GET and list exactly as sent (the manifest normalised)", async () => {
    const expected = TRICKY_KEYS.map((key, index) => [key, 20 + index]);
    const details = await call(server, "GET", `${artifactsPath(server)}/${ids[0]}`);
    const listed = await call(server, "GET", `${orbitPath(server)}/artifacts?limit=100`);
    const item = listed.body.items.find((artifact: { id: string }) => artifact.id === ids[0]);
    for (const artifact of [details.body, item]) {
      expect(entriesOf(artifact.extra_values)).toEqual(expected);
      // The service keeps the manifest's own fields only: the tricky keys are unknown ones.
      expect(entriesOf(artifact.manifest)).toEqual(Object.entries(modelManifest()));
      expect(entriesOf(artifact.file_index).slice(-2)).toEqual([
        ["__proto__", [1, 2]],
        ["constructor", [3, 4]],
      ]);
      // A manifest key named __proto__ is data, not the artifact_type the service reads.
      expect(artifact.type).toBe("model");
    }
  });

  it("are listed among the collection's metric keys", async () => {
    const collection = await call(
      server,
      "GET",
      `${orbitPath(server)}/collections/${server.seeded.collections.s3.id}`,
    );
    expect(collection.body.artifacts_extra_values).toEqual(expect.arrayContaining(TRICKY_KEYS));
  });

  it.each(TRICKY_KEYS)("sort the listing by %s", async (key) => {
    for (const order of ["asc", "desc"] as const) {
      const listed = await call(
        server,
        "GET",
        `${orbitPath(server)}/artifacts?sort_by=${encodeURIComponent(key)}&order=${order}&limit=2`,
      );
      expect(listed.status).toBe(200);
      const names = listed.body.items.map((artifact: { name: string }) => artifact.name);
      expect(names).toEqual(order === "asc" ? ["low", "middle"] : ["high", "middle"]);
      const next = await call(
        server,
        "GET",
        `${orbitPath(server)}/artifacts?sort_by=${encodeURIComponent(key)}&order=${order}&limit=2&cursor=${listed.body.cursor}`,
      );
      expect(next.body.items.map((artifact: { name: string }) => artifact.name)).toEqual(
        order === "asc" ? ["high"] : ["low"],
      );
    }
  });

  it("survive a PATCH", async () => {
    const patched = await call(server, "PATCH", `${artifactsPath(server)}/${ids[1]}`, {
      body: { name: "renamed" },
    });
    expect(entriesOf(patched.body.extra_values)).toEqual(
      TRICKY_KEYS.map((key, index) => [key, 10 + index]),
    );
  });
});

describe("numbers JSON cannot hold", () => {
  it.each([
    [
      "a metric of 1e400",
      '"extra_values":{}',
      '"extra_values":{"F1":1e400}',
      ["extra_values", "F1"],
    ],
    [
      "a metric of -1e400",
      '"extra_values":{}',
      '"extra_values":{"F1":-1e400}',
      ["extra_values", "F1"],
    ],
    ["a size of 1e400", '"size":100', '"size":1e400', ["size"]],
    [
      "a deep manifest value",
      '"manifest":{',
      '"manifest":{"payload":{"list":[1,2e999]},',
      ["manifest", "payload", "list", 1],
    ],
  ])("refuse %s with 422 at its location", async (_label, from, to, loc) => {
    const body = JSON.stringify(modelBody()).replace(from, to);
    expect(body).toContain(to);
    const response = await call(server, "POST", artifactsPath(server), { body });
    expect(response.status).toBe(422);
    expect(response.body.detail).toEqual([
      expect.objectContaining({ loc: ["body", ...loc], type: "finite_number" }),
    ]);
  });

  it("are refused in every body: PATCH, multipart and the dev routes", async () => {
    const created = await call(server, "POST", artifactsPath(server), { body: modelBody() });
    const path = `${artifactsPath(server)}/${created.body.artifact.id}`;
    const patch = await call(server, "PATCH", path, { body: '{"name":"x","unused":1e400}' });
    expect(patch.status).toBe(422);
    const multipart = await call(server, "POST", "/v1/bucket-secrets/upload/multipart", {
      body: '{"bucket_id":"x","bucket_location":"y","size":1e400,"upload_id":null}',
    });
    expect(multipart.status).toBe(422);
    expect(multipart.body.detail).toEqual([expect.objectContaining({ type: "finite_number" })]);
    const fault = await call(server, "POST", "/_dev/faults", {
      apiKey: null,
      body: '{"target":"api","path":"x","nth":1e400,"action":{"status":500}}',
    });
    expect(fault.status).toBe(422);
    expect(server.faults.list()).toEqual([]);
  });
});
