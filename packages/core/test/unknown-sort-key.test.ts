import type { DevServer } from "@luml/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadRequestError, type LumlClient } from "../src/index";
import { artifactBody, seededClient, startServer } from "./support/dev-server";

let server: DevServer;
let luml: LumlClient;
beforeAll(async () => {
  server = await startServer();
  luml = await seededClient(server, "s3", { maxRetries: 0 });
});
afterAll(() => server?.stop());

const columns = "created_at, name, size, description, status, type";

describe("sorting by a key the collection has no metric for", () => {
  it("keeps the service's 400 message and adds what can be sorted by", async () => {
    const fresh = await luml.artifacts.list({ sortBy: "F1" }).catch((caught: unknown) => caught);
    expect(fresh).toBeInstanceOf(BadRequestError);
    expect((fresh as BadRequestError).status).toBe(400);
    expect((fresh as BadRequestError).body).toEqual({ detail: "Invalid sorting column: F1" });
    expect((fresh as Error).message).toBe(
      `400 Invalid sorting column: F1 (sortBy "F1": sort by ${columns}; no artifact of this collection has a metric yet)`,
    );

    await luml.artifacts.create(artifactBody({ extra_values: { accuracy: 0.9, loss: 0.2 } }));
    const later = await luml.artifacts.list({ sortBy: "F1" }).catch((caught: unknown) => caught);
    expect((later as Error).message).toBe(
      `400 Invalid sorting column: F1 (sortBy "F1": sort by ${columns}, or a metric of this collection: accuracy, loss)`,
    );
    const sorted = await luml.artifacts.list({ sortBy: "accuracy", order: "desc" });
    expect(sorted.items[0]?.extra_values).toEqual({ accuracy: 0.9, loss: 0.2 });
  });
});
