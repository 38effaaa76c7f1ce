import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../src/start-dev-server";
import type { DevServer } from "../src/types";
import {
  artifactsPath,
  call,
  lumlArtifactManifest,
  modelBody,
  modelManifest,
  orbitPath,
} from "./helpers";

interface Listed {
  id: string;
  name: string;
  size: number;
  description: string | null;
  status: string;
  type: string;
  created_at: string;
  extra_values: Record<string, unknown>;
}

const TOTAL = 240;
let server: DevServer;
let created: Listed[] = [];

beforeAll(async () => {
  server = await startDevServer();
  const bodies = Array.from({ length: TOTAL }, (_, index) =>
    modelBody({
      file_name: `artifact-${index}.fnnx`,
      // Repeated names, sizes, descriptions and metrics exercise the tie-break by id.
      name: `Model ${String.fromCharCode(65 + (index % 7))}${index % 5}`,
      size: 1000 + (index % 13),
      description: index % 4 === 0 ? null : `description ${index % 6}`,
      extra_values: index % 3 === 0 ? {} : { F1: (index % 10) / 10, label: `L${index % 4}` },
      manifest: index % 5 === 0 ? lumlArtifactManifest("dataset") : modelManifest(),
    }),
  );
  for (let start = 0; start < bodies.length; start += 20) {
    const batch = bodies.slice(start, start + 20);
    const responses = await Promise.all(
      batch.map((body) => call(server, "POST", artifactsPath(server), { body })),
    );
    for (const response of responses) {
      expect(response.status).toBe(200);
      created.push(response.body.artifact);
    }
  }
  for (const artifact of created.filter((_, index) => index % 2 === 0)) {
    await call(server, "PATCH", `${artifactsPath(server)}/${artifact.id}`, {
      body: { status: "uploaded" },
    });
  }
  const listed = await listAll("created_at", "asc");
  created = listed;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function listAll(
  sortBy: string,
  order: "asc" | "desc",
  extra = "",
  limit = 37,
): Promise<Listed[]> {
  const items: Listed[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query = `sort_by=${encodeURIComponent(sortBy)}&order=${order}&limit=${limit}${extra}${cursor ? `&cursor=${cursor}` : ""}`;
    const response = await call(server, "GET", `${orbitPath(server)}/artifacts?${query}`);
    expect(response.status).toBe(200);
    expect(response.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...response.body.items);
    cursor = response.body.cursor;
    pages += 1;
    expect(pages).toBeLessThan(100);
  } while (cursor);
  return items;
}

function sortValueOf(artifact: Listed, sortBy: string): unknown {
  if (sortBy in artifact && sortBy !== "extra_values") return artifact[sortBy as keyof Listed];
  return artifact.extra_values[sortBy];
}

/** SQLite's order: numbers before strings; missing values last in both orders; ties by id. */
function expectedOrder(items: Listed[], sortBy: string, order: "asc" | "desc"): string[] {
  const sign = order === "asc" ? 1 : -1;
  const compareValues = (a: unknown, b: unknown): number => {
    if (typeof a === typeof b) return a === b ? 0 : (a as number) < (b as number) ? -1 : 1;
    return typeof a === "number" ? -1 : 1;
  };
  return [...items]
    .sort((a, b) => {
      const left = sortValueOf(a, sortBy);
      const right = sortValueOf(b, sortBy);
      const leftMissing = left === null || left === undefined;
      const rightMissing = right === null || right === undefined;
      if (leftMissing !== rightMissing) return leftMissing ? 1 : -1;
      const byValue = leftMissing ? 0 : compareValues(left, right);
      if (byValue !== 0) return sign * byValue;
      return sign * (a.id < b.id ? -1 : 1);
    })
    .map((item) => item.id);
}

describe("artifact pagination", () => {
  it("holds every artifact once", () => {
    expect(created).toHaveLength(TOTAL);
    expect(new Set(created.map((item) => item.id)).size).toBe(TOTAL);
  });

  for (const sortBy of [
    "created_at",
    "name",
    "size",
    "description",
    "status",
    "type",
    "F1",
    "label",
  ]) {
    for (const order of ["asc", "desc"] as const) {
      it(`walks every page sorted by ${sortBy} ${order} without duplicates or omissions`, async () => {
        const items = await listAll(sortBy, order);
        const ids = items.map((item) => item.id);
        expect(new Set(ids).size).toBe(TOTAL);
        expect(ids).toEqual(expectedOrder(created, sortBy, order));
      });
    }
  }

  it("defaults to created_at desc with 50 items", async () => {
    const response = await call(server, "GET", `${orbitPath(server)}/artifacts`);
    expect(response.body.items).toHaveLength(50);
    expect(response.body.items.map((item: Listed) => item.id)).toEqual(
      expectedOrder(created, "created_at", "desc").slice(0, 50),
    );
    expect(response.body.items[0]).toMatchObject({ collection_name: "Models", deployments: [] });
  });

  it("filters by search, types and collection_ids, paging within the filter", async () => {
    const searched = await listAll("name", "asc", "&search=model%20c", 7);
    expect(searched.length).toBe(
      created.filter((item) => item.name.toLowerCase().includes("model c")).length,
    );
    expect(searched.length).toBeGreaterThan(7);
    const datasets = await listAll("size", "desc", "&types=dataset", 9);
    expect(datasets.map((item) => item.id)).toEqual(
      expectedOrder(
        created.filter((item) => item.type === "dataset"),
        "size",
        "desc",
      ),
    );
    const both = await listAll("size", "desc", "&types=dataset&types=model", 50);
    expect(both).toHaveLength(TOTAL);
    const inCollection = await listAll(
      "name",
      "asc",
      `&collection_ids=${server.seeded.collections.s3.id}`,
      100,
    );
    expect(inCollection).toHaveLength(TOTAL);
    const elsewhere = await listAll(
      "name",
      "asc",
      `&collection_ids=${server.seeded.collections.azure.id}`,
      100,
    );
    expect(elsewhere).toHaveLength(0);
  });

  it("restarts from page one when a cursor is reused with another sort, order or filter", async () => {
    const base = `${orbitPath(server)}/artifacts`;
    const first = await call(server, "GET", `${base}?sort_by=name&order=asc&limit=10`);
    const cursor = first.body.cursor;
    expect(cursor).toEqual(expect.any(String));
    const second = await call(
      server,
      "GET",
      `${base}?sort_by=name&order=asc&limit=10&cursor=${cursor}`,
    );
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    for (const query of [
      "sort_by=size&order=asc",
      "sort_by=name&order=desc",
      "sort_by=name&order=asc&search=Model",
    ]) {
      const restarted = await call(server, "GET", `${base}?${query}&limit=10&cursor=${cursor}`);
      const fresh = await call(server, "GET", `${base}?${query}&limit=10`);
      expect(restarted.body.items.map((item: Listed) => item.id)).toEqual(
        fresh.body.items.map((item: Listed) => item.id),
      );
    }
    const garbage = await call(
      server,
      "GET",
      `${base}?sort_by=name&order=asc&limit=10&cursor=not-a-cursor`,
    );
    expect(garbage.body.items[0].id).toBe(first.body.items[0].id);
  });

  it("refuses unknown sort keys and extra_values with 400", async () => {
    const base = `${orbitPath(server)}/artifacts`;
    expect((await call(server, "GET", `${base}?sort_by=unknown_metric`)).status).toBe(400);
    expect((await call(server, "GET", `${base}?sort_by=extra_values`)).status).toBe(400);
    expect((await call(server, "GET", `${base}?limit=0`)).status).toBe(422);
    expect((await call(server, "GET", `${base}?types=weights`)).status).toBe(422);
    expect((await call(server, "GET", `${base}?collection_ids=nope`)).status).toBe(422);
  });
});
