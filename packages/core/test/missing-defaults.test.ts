import type { DevServer } from "@luml/dev-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError, LumlClient } from "../src/index";
import { startServer } from "./support/dev-server";

let server: DevServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

/** How the available ones are listed: `Organization(id=…, name="…")`. */
function listed(kind: string, item: { id: string; name: string }): string {
  return `${kind}(id=${item.id}, name=${JSON.stringify(item.name)})`;
}

describe("an artifact call without the defaults it needs", () => {
  it("says the organization is missing first and lists the user's organizations", async () => {
    // The seeded user has two organizations, so none is chosen by default.
    const luml = new LumlClient({ apiKey: server.apiKey, baseUrl: server.baseUrl });
    const error = await luml.artifacts.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    const { organization, otherOrganization } = server.seeded;
    expect((error as Error).message).toBe(
      `No organization configured: set the client's \`organization\` (id or name), or call \`setupConfig()\`. Available: ${[organization, otherOrganization].map((item) => listed("Organization", item)).join(", ")}.`,
    );
    // A collection id given to the call does not make up for the organization.
    const withCollection = await luml.artifacts
      .list({ collectionId: server.seeded.collections.s3.id })
      .catch((caught: unknown) => caught);
    expect((withCollection as Error).message).toMatch(/^No organization configured/);
  });

  it("then the orbit, listing the organization's orbits", async () => {
    const luml = new LumlClient({
      apiKey: server.apiKey,
      baseUrl: server.baseUrl,
      organization: server.seeded.organization.name,
    });
    const error = await luml.artifacts.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    const { s3, azure } = server.seeded.orbits;
    expect((error as Error).message).toMatch(/^No orbit configured: /);
    expect((error as Error).message).toContain(listed("Orbit", s3));
    expect((error as Error).message).toContain(listed("Orbit", azure));
  });

  it("then the collection, listing the orbit's collections", async () => {
    const luml = await LumlClient.create({
      apiKey: server.apiKey,
      baseUrl: server.baseUrl,
      organization: server.seeded.organization.name,
      orbit: server.seeded.orbits.s3.name,
    });
    // The orbit's only collection became the default: clear it to see the message.
    luml.collection = undefined;
    const error = await luml.artifacts.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(
      `No collection: pass \`collectionId\` to this call, or configure the client's \`collection\` (id or name). Available: ${listed("Collection", server.seeded.collections.s3)}.`,
    );
  });
});
