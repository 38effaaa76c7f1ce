import type { DevServer } from "@luml/dev-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { APIResponseValidationError, type ListedArtifact, type LumlClient } from "../src/index";
import { artifactBody, seededClient, startServer } from "./support/dev-server";

// A server (or a proxy, a cache) that answers every page with the same cursor would
// keep a paging loop sending requests as fast as replies come, forever. Each case
// has a short timeout: without the check on cursors it fails rather than hangs.
const caseTimeout = 10_000;
/** An opaque cursor as the service makes them (base64url of a JSON array). */
const repeatedCursor = "WyJzYW1lIl0";

let server: DevServer;
let luml: LumlClient;
let listed: ListedArtifact;
beforeAll(async () => {
  server = await startServer();
  luml = await seededClient(server, "s3", { maxRetries: 0 });
  await luml.artifacts.create(artifactBody({ name: "paged-twice" }));
  const [first] = (await luml.artifacts.list({ limit: 1 })).items;
  if (!first) throw new Error("the artifact just created is not listed");
  listed = first;
});
afterAll(() => server?.stop());
afterEach(() => server.faults.clear());

/** Every page of the matching listing comes back with `items` and the same cursor. */
function repeatCursor(listing: "artifacts" | "collections", items: unknown[] = []): string {
  return server.faults.add({
    target: "api",
    method: "GET",
    // The listing itself, not one record (`/collections/{id}`).
    path: `/${listing}(\\?|$)`,
    times: 1_000_000,
    action: { status: 200, body: JSON.stringify({ items, cursor: repeatedCursor }) },
  });
}

/** How many requests the rule `id` matched. */
function requestsMatched(id: string): number {
  return server.faults.list().find((rule) => rule.id === id)?.matched ?? 0;
}

/** Expects the reply's repeated cursor to be refused as a reply breaking the contract. */
function expectRepeatedCursorRefused(error: unknown): void {
  expect(error).toBeInstanceOf(APIResponseValidationError);
  const issues = (error as APIResponseValidationError).issues;
  expect(issues.map((issue) => issue.path?.map((item) => item.key).join("."))).toEqual(["cursor"]);
  expect((error as Error).message).toContain(`"${repeatedCursor}" was already followed`);
}

describe("a page whose cursor was already followed", () => {
  it(
    "ends artifacts.listAll with APIResponseValidationError, never yielding the repeated page",
    async () => {
      const rule = repeatCursor("artifacts", [listed]);
      const yielded: string[] = [];
      const error = await (async () => {
        for await (const artifact of luml.artifacts.listAll()) yielded.push(artifact.id);
      })().catch((caught: unknown) => caught);
      expectRepeatedCursorRefused(error);
      expect(yielded).toEqual([listed.id]);
      expect(requestsMatched(rule)).toBe(2);
    },
    caseTimeout,
  );

  it(
    "ends collections.listAll with APIResponseValidationError",
    async () => {
      const rule = repeatCursor("collections");
      const error = await (async () => {
        for await (const _collection of luml.collections.listAll()) {
          // Only the end of the listing matters.
        }
      })().catch((caught: unknown) => caught);
      expectRepeatedCursorRefused(error);
      expect(requestsMatched(rule)).toBe(2);
    },
    caseTimeout,
  );

  it(
    "ends artifacts.cleanupPendingUploads and artifacts.get by name the same way",
    async () => {
      const rule = repeatCursor("artifacts");
      expectRepeatedCursorRefused(
        await luml.artifacts.cleanupPendingUploads({ olderThan: 0 }).catch((caught) => caught),
      );
      expectRepeatedCursorRefused(
        await luml.artifacts.get("no-such-artifact").catch((caught) => caught),
      );
      expect(requestsMatched(rule)).toBe(4);
    },
    caseTimeout,
  );

  it(
    "ends a LumlClient.create that looks its default collection up by name",
    async () => {
      const rule = repeatCursor("collections");
      const error = await seededClient(server, "s3", {
        collection: server.seeded.collections.s3.name,
        maxRetries: 0,
      }).catch((caught: unknown) => caught);
      expectRepeatedCursorRefused(error);
      expect(requestsMatched(rule)).toBe(2);
    },
    caseTimeout,
  );
});
