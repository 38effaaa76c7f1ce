import type { DevServer } from "@luml/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFor, startServer } from "../../test/support/dev-server";
import {
  AuthenticationError,
  InvalidArgumentError,
  OrbitNotFoundError,
  OrganizationNotFoundError,
  PermissionDeniedError,
} from "../errors";

let server: DevServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

describe("organizations", () => {
  it("lists the user's organizations", async () => {
    const organizations = await clientFor(server).organizations.list();
    expect(organizations.map((item) => item.id).sort()).toEqual(
      [server.seeded.organization.id, server.seeded.otherOrganization.id].sort(),
    );
    expect(organizations[0]).toHaveProperty("created_at");
  });

  it("gets one by id or by name", async () => {
    const client = clientFor(server);
    const { id, name } = server.seeded.organization;
    expect((await client.organizations.get(id)).name).toBe(name);
    expect((await client.organizations.get(name)).id).toBe(id);
  });

  it("gets the default organization without an argument", async () => {
    const client = clientFor(server, { organization: server.seeded.otherOrganization.name });
    expect((await client.organizations.get()).id).toBe(server.seeded.otherOrganization.id);
  });

  it("lists the available organizations when the one asked for is absent", async () => {
    const error = await clientFor(server)
      .organizations.get("No Such Org")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OrganizationNotFoundError);
    const { message } = error as OrganizationNotFoundError;
    expect(message).toContain(
      `Organization(id=${server.seeded.organization.id}, name="${server.seeded.organization.name}")`,
    );
    expect(message).toContain(server.seeded.otherOrganization.id);
  });

  it("rejects an empty name before any request", async () => {
    await expect(clientFor(server).organizations.get("  ")).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });

  it("maps an unknown key to AuthenticationError", async () => {
    const client = clientFor(server, { apiKey: "dfs_not_a_real_key_0123456789" });
    await expect(client.organizations.list()).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("orbits", () => {
  it("lists the orbits of an organization", async () => {
    const orbits = await clientFor(server).orbits.list({
      organizationId: server.seeded.organization.id,
    });
    expect(orbits.map((orbit) => orbit.id).sort()).toEqual(
      [server.seeded.orbits.s3.id, server.seeded.orbits.azure.id].sort(),
    );
    expect(orbits[0]?.organization_id).toBe(server.seeded.organization.id);
  });

  it("uses the default organization and gets by name", async () => {
    const client = clientFor(server, { organization: server.seeded.organization.name });
    const orbit = await client.orbits.get(server.seeded.orbits.azure.name);
    expect(orbit.id).toBe(server.seeded.orbits.azure.id);
    expect(orbit.bucket_secret_id).toBe(server.seeded.orbits.azure.bucket_secret_id);
  });

  it("lists the available orbits when the one asked for is absent", async () => {
    const client = clientFor(server, { organization: server.seeded.organization.id });
    const error = await client.orbits.get("Nope").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OrbitNotFoundError);
    expect((error as Error).message).toContain(
      `Orbit(id=${server.seeded.orbits.s3.id}, name="${server.seeded.orbits.s3.name}")`,
    );
  });

  it("maps a key without rights to PermissionDeniedError", async () => {
    const client = clientFor(server, { apiKey: server.seeded.noRightsApiKey });
    await expect(
      client.orbits.list({ organizationId: server.seeded.organization.id }),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
  });
});
