import type { DevServer } from "@luml/dev-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clientFor, seededClient, startServer } from "../../test/support/dev-server";
import { APITimeoutError, InternalServerError, InvalidArgumentError } from "../errors";

let server: DevServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());
afterEach(() => server.faults.clear());

/** One 503 (no wait asked) on the next GET whose path matches `path`. */
function failOnce(path: string): void {
  server.faults.add({
    target: "api",
    method: "GET",
    path,
    times: 1,
    action: { status: 503, retryAfter: 0 },
  });
}

describe("per-call request options", () => {
  it("maxRetries: 0 on one call does not retry a 503 the client's default retries", async () => {
    const client = clientFor(server, { maxRetries: 2 });
    failOnce("/users/me/organizations$");
    const organizations = await client.organizations.list();
    expect(organizations.length).toBeGreaterThan(0);
    expect(server.faults.list()[0]).toMatchObject({ matched: 2, fired: 1 });

    server.faults.clear();
    failOnce("/users/me/organizations$");
    await expect(client.organizations.list({ maxRetries: 0 })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(server.faults.list()[0]).toMatchObject({ matched: 1, fired: 1 });
  });

  it("applies to artifact calls, and a client without retries retries when one call asks", async () => {
    const client = await seededClient(server, "s3", { maxRetries: 0 });
    failOnce("/orbits/[^/]+/artifacts\\?");
    await expect(client.artifacts.list({ maxRetries: 0 })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    server.faults.clear();
    failOnce("/orbits/[^/]+/artifacts\\?");
    const page = await client.artifacts.list({ maxRetries: 1 });
    expect(Array.isArray(page.items)).toBe(true);
    expect(server.faults.list()[0]).toMatchObject({ matched: 2, fired: 1 });
  });

  it("timeout on one call overrides the client's", async () => {
    const client = clientFor(server, { maxRetries: 0, timeout: 60_000 });
    server.faults.add({
      target: "api",
      method: "GET",
      path: "/users/me/organizations$",
      action: { delayMs: 3_000 },
    });
    const started = Date.now();
    const error = await client.organizations
      .list({ timeout: 200 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as APITimeoutError).timeout).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it("refuses a maxRetries or timeout that is not a number in range, before any request", async () => {
    const client = clientFor(server);
    await expect(client.organizations.list({ maxRetries: -1 })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(
      client.orbits.list({ organizationId: server.seeded.organization.id, timeout: 0 }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
