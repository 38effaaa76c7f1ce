import type { DevServer } from "@luml/dev-server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { apiRequestsDuring } from "../test/support/api-requests-during";
import { clientFor, startServer } from "../test/support/dev-server";
import { type JsonServer, startJsonServer } from "../test/support/json-server";
import { LumlClient } from "./client";
import {
  APITimeoutError,
  CollectionNotFoundError,
  ConfigurationError,
  InvalidArgumentError,
  MultipleResourcesFoundError,
  OrbitNotFoundError,
  OrganizationNotFoundError,
} from "./errors";
import { VERSION } from "./version";

let server: DevServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe("LumlClient options", () => {
  it("needs an API key, from options or LUML_API_KEY", () => {
    vi.stubEnv("LUML_API_KEY", "");
    expect(() => new LumlClient({ baseUrl: server.baseUrl })).toThrow(ConfigurationError);
    vi.stubEnv("LUML_API_KEY", server.apiKey);
    expect(() => new LumlClient({ baseUrl: server.baseUrl })).not.toThrow();
  });

  it("reads the key and base URL from the environment", async () => {
    vi.stubEnv("LUML_API_KEY", server.apiKey);
    vi.stubEnv("LUML_BASE_URL", server.baseUrl);
    const client = new LumlClient();
    expect(client.baseUrl).toBe(server.baseUrl);
    expect(await client.organizations.list()).toHaveLength(2);
  });

  it("knows its own version, as package.json gives it", async () => {
    const { readFile } = await import("node:fs/promises");
    const manifest = JSON.parse(
      await readFile(new URL("../package.json", import.meta.url), "utf8"),
    );
    expect(VERSION).toBe(manifest.version);
  });

  it("defaults the base URL to the public API", () => {
    vi.stubEnv("LUML_BASE_URL", "");
    expect(new LumlClient({ apiKey: "dfs_x" }).baseUrl).toBe("https://api.luml.ai");
  });

  it("rejects a bad base URL, timeout or retry count", () => {
    expect(() => new LumlClient({ apiKey: "k", baseUrl: "ftp://x" })).toThrow(ConfigurationError);
    for (const baseUrl of ["http://127.0.0.1:8000/v1", "https://api.luml.ai/v1/"]) {
      expect(() => new LumlClient({ apiKey: "k", baseUrl })).toThrow(/leave out the \/v1/);
    }
    const withKey = () => new LumlClient({ apiKey: "k", baseUrl: "https://me:SECRET@host/" });
    expect(withKey).toThrow(/with credentials \(user:password@\) in it/);
    expect(withKey).not.toThrow(/SECRET/);
    expect(() => new LumlClient({ apiKey: "k", timeout: 0 })).toThrow(ConfigurationError);
    expect(() => new LumlClient({ apiKey: "k", maxRetries: -1 })).toThrow(ConfigurationError);
  });

  it("trims whitespace around the key (one read from a file ends in a newline)", async () => {
    for (const around of ["\n", "\r\n", " \t", "\uFEFF"]) {
      const given = new LumlClient({
        apiKey: `${around}${server.apiKey}${around}`,
        baseUrl: server.baseUrl,
        maxRetries: 0,
      });
      expect(await given.organizations.list()).toHaveLength(2);
      vi.stubEnv("LUML_API_KEY", `${server.apiKey}${around}`);
      const fromEnvironment = new LumlClient({ baseUrl: server.baseUrl, maxRetries: 0 });
      expect(await fromEnvironment.organizations.list()).toHaveLength(2);
    }
  });

  it("refuses a key with a control character or non-ASCII inside, never showing any of it", () => {
    const cases = [
      { bad: "\n", says: /contains a line break or other control character/ },
      { bad: "\r", says: /contains a line break or other control character/ },
      { bad: "\t", says: /contains a line break or other control character/ },
      { bad: "\u007f", says: /contains a line break or other control character/ },
      { bad: "\u2019", says: /contains a character outside printable ASCII/ },
      { bad: "é", says: /contains a character outside printable ASCII/ },
    ];
    for (const { bad, says } of cases) {
      const [head, tail] = ["dfs_first_half_0123", "second_half_4567"];
      const apiKey = `${head}${bad}${tail}`;
      let error: unknown;
      try {
        new LumlClient({ apiKey, baseUrl: server.baseUrl });
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(bad)).toBeInstanceOf(ConfigurationError);
      const message = (error as Error).message;
      expect(message).toMatch(says);
      for (const part of [head, tail, "dfs_", "0123", "4567"]) expect(message).not.toContain(part);
      vi.stubEnv("LUML_API_KEY", `${apiKey}\n`);
      expect(() => new LumlClient({ baseUrl: server.baseUrl })).toThrow(says);
    }
  });

  it("refuses an API key in a web page unless explicitly allowed", () => {
    vi.stubGlobal("window", {});
    vi.stubGlobal("document", {});
    vi.stubGlobal("process", { env: {}, versions: {} });
    let error: unknown;
    try {
      new LumlClient({ apiKey: "dfs_browser_secret_key" });
    } catch (caught) {
      error = caught;
    }
    vi.unstubAllGlobals();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/back end issue a short-lived key/);
    expect((error as Error).message).not.toContain("dfs_browser_secret_key");
    vi.stubGlobal("window", {});
    vi.stubGlobal("document", {});
    vi.stubGlobal("process", { env: {}, versions: {} });
    expect(
      () => new LumlClient({ apiKey: "dfs_browser_secret_key", dangerouslyAllowBrowser: true }),
    ).not.toThrow();
  });
});

describe("option names the client does not take", () => {
  it("refuses them before reading the environment or sending a request, naming the option meant", async () => {
    // With the environment set, an ignored `api_key`/`base_url` would quietly reach
    // the server the environment names, with its key.
    vi.stubEnv("LUML_API_KEY", server.apiKey);
    vi.stubEnv("LUML_BASE_URL", server.baseUrl);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [
        { api_key: "dfs_other" },
        /new LumlClient takes no option "api_key" \(did you mean "apiKey"\?\)/,
      ],
      [{ base_url: "http://elsewhere" }, /"base_url" \(did you mean "baseUrl"\?\)/],
      [{ collection_id: "x" }, /"collection_id" \(did you mean "collection"\?\)/],
      [
        { organisation: "Demo Org" },
        /no option "organisation"; it takes apiKey, baseUrl, organization,/,
      ],
    ];
    const requests = await apiRequestsDuring(server, async () => {
      for (const [options, message] of cases) {
        expect(() => new LumlClient(options as never)).toThrow(message);
        const error = await LumlClient.create(options as never).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ConfigurationError);
        expect((error as Error).message).toMatch(/LumlClient\.create takes no option/);
      }
    });
    expect(requests).toBe(0);
    const setup = await clientFor(server)
      .setupConfig({ organization_id: "x" } as never)
      .catch((caught: unknown) => caught);
    expect(setup).toBeInstanceOf(InvalidArgumentError);
    expect((setup as Error).message).toMatch(
      /setupConfig takes no option "organization_id" \(did you mean "organization"\?\)/,
    );
  });
});

describe("setupConfig and create", () => {
  const seeded = () => ({
    organization: server.seeded.organization.id,
    orbit: server.seeded.orbits.s3.id,
    collection: server.seeded.collections.s3.id,
  });
  afterEach(() => server.faults.clear());

  it("keep the defaults the client had when a name does not resolve or the call is aborted", async () => {
    const client = await LumlClient.create({
      apiKey: server.apiKey,
      baseUrl: server.baseUrl,
      ...seeded(),
    });
    const unknownOrbit = client.setupConfig({
      organization: server.seeded.organization.name,
      orbit: "Nope",
    });
    await expect(unknownOrbit).rejects.toBeInstanceOf(OrbitNotFoundError);
    const aborted = client.setupConfig({
      organization: server.seeded.organization.name,
      orbit: server.seeded.orbits.azure.name,
      signal: AbortSignal.abort(new Error("stop")),
    });
    await expect(aborted).rejects.toThrow("stop");
    expect([client.organization, client.orbit, client.collection]).toEqual(Object.values(seeded()));
    const page = await client.artifacts.list({ limit: 1 });
    expect(page.items).toBeInstanceOf(Array);
  });

  it("pass their signal and a call's timeout to the requests that resolve the defaults", async () => {
    const base = { apiKey: server.apiKey, baseUrl: server.baseUrl, ...seeded() };
    await expect(
      LumlClient.create({ ...base, signal: AbortSignal.abort(new Error("no")) }),
    ).rejects.toThrow("no");
    server.faults.add({ target: "api", path: ".", action: { delayMs: 3_000 } });
    const started = Date.now();
    const slow = await clientFor(server)
      .setupConfig({ ...seeded(), timeout: 200, maxRetries: 0 })
      .catch((caught: unknown) => caught);
    expect(slow).toBeInstanceOf(APITimeoutError);
    expect(Date.now() - started).toBeLessThan(2_500);
    const invalid = clientFor(server).setupConfig({ ...seeded(), timeout: -1 });
    await expect(invalid).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("leave no unhandled rejection when a caller's signal was aborted before the lookup failed", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const client = new LumlClient({
        apiKey: server.apiKey,
        baseUrl: "http://127.0.0.1:9",
        maxRetries: 0,
        ...seeded(),
      });
      const call = client.artifacts.list({ signal: AbortSignal.abort(new Error("gone")) });
      await expect(call).rejects.toThrow("gone");
      // The shared lookup fails on its own (nothing listens at port 9) meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("keep a default set while the first lookup was under way", async () => {
    const client = clientFor(server, seeded());
    server.faults.add({ target: "api", path: "/organizations", action: { delayMs: 300 } });
    const first = client.artifacts.list({ limit: 1 });
    client.orbit = server.seeded.orbits.azure.id;
    client.collection = server.seeded.collections.azure.id;
    await first;
    expect([client.orbit, client.collection]).toEqual([
      server.seeded.orbits.azure.id,
      server.seeded.collections.azure.id,
    ]);
  });

  it("let one caller's abort stop only its own wait for defaults resolved on first use", async () => {
    const client = clientFor(server, seeded());
    server.faults.add({ target: "api", path: "/organizations", action: { delayMs: 300 } });
    const controller = new AbortController();
    const first = client.artifacts.list({ limit: 1, signal: controller.signal });
    const second = client.artifacts.list({ limit: 1 });
    setTimeout(() => controller.abort(new Error("first gave up")), 50);
    await expect(first).rejects.toThrow("first gave up");
    expect((await second).items).toBeInstanceOf(Array);
    expect(client.collection).toBe(server.seeded.collections.s3.id);
  });
});

describe("default resolution against the dev server", () => {
  it("resolves organization, orbit and collection by name at create()", async () => {
    const client = await LumlClient.create({
      apiKey: server.apiKey,
      baseUrl: server.baseUrl,
      organization: server.seeded.organization.name,
      orbit: server.seeded.orbits.azure.name,
      collection: server.seeded.collections.azure.name,
    });
    expect(client.organization).toBe(server.seeded.organization.id);
    expect(client.orbit).toBe(server.seeded.orbits.azure.id);
    expect(client.collection).toBe(server.seeded.collections.azure.id);
  });

  it("takes the only collection of an orbit as the default", async () => {
    const client = await LumlClient.create({
      apiKey: server.apiKey,
      baseUrl: server.baseUrl,
      organization: server.seeded.organization.id,
      orbit: server.seeded.orbits.s3.id,
    });
    expect(client.collection).toBe(server.seeded.collections.s3.id);
  });

  it("has no default organization when the user has two, so artifact calls fail before any request", async () => {
    const client = await LumlClient.create({ apiKey: server.apiKey, baseUrl: server.baseUrl });
    expect(client.organization).toBeUndefined();
    await expect(client.artifacts.list()).rejects.toBeInstanceOf(ConfigurationError);
  });

  it("refuses an orbit without an organization", async () => {
    const options = { apiKey: server.apiKey, baseUrl: server.baseUrl, orbit: "x" };
    await expect(LumlClient.create(options)).rejects.toBeInstanceOf(ConfigurationError);
  });

  it("refuses a collection without an orbit (the organization has two)", async () => {
    const options = {
      apiKey: server.apiKey,
      baseUrl: server.baseUrl,
      organization: server.seeded.organization.id,
      collection: server.seeded.collections.s3.name,
    };
    await expect(LumlClient.create(options)).rejects.toThrow(/needs a default orbit/);
  });

  it("lists what is available when a name is unknown", async () => {
    const base = { apiKey: server.apiKey, baseUrl: server.baseUrl };
    await expect(LumlClient.create({ ...base, organization: "Missing" })).rejects.toBeInstanceOf(
      OrganizationNotFoundError,
    );
    const orbitError = await LumlClient.create({
      ...base,
      organization: server.seeded.organization.id,
      orbit: "Missing",
    }).catch((error: unknown) => error);
    expect(orbitError).toBeInstanceOf(OrbitNotFoundError);
    expect((orbitError as Error).message).toContain(server.seeded.orbits.azure.id);
    const collectionError = await LumlClient.create({
      ...base,
      organization: server.seeded.organization.id,
      orbit: server.seeded.orbits.s3.id,
      collection: "Missing",
    }).catch((error: unknown) => error);
    expect(collectionError).toBeInstanceOf(CollectionNotFoundError);
    expect((collectionError as Error).message).toContain(
      `Collection(id=${server.seeded.collections.s3.id}, name="${server.seeded.collections.s3.name}")`,
    );
    const unknownId = await LumlClient.create({
      ...base,
      organization: server.seeded.organization.id,
      orbit: server.seeded.orbits.s3.id,
      collection: "00000000-0000-4000-8000-000000000000",
    }).catch((error: unknown) => error);
    expect(unknownId).toBeInstanceOf(CollectionNotFoundError);
  });

  it("resolves lazily on the first call for new LumlClient()", async () => {
    const client = clientFor(server, {
      organization: server.seeded.organization.name,
      orbit: server.seeded.orbits.s3.name,
    });
    expect(client.collection).toBeUndefined();
    const page = await client.artifacts.list({ limit: 1 });
    expect(page.items.length).toBeLessThanOrEqual(1);
    expect(client.collection).toBe(server.seeded.collections.s3.id);
  });

  it("re-resolves with setupConfig and accepts ids set directly", async () => {
    const client = await LumlClient.create({
      apiKey: server.apiKey,
      baseUrl: server.baseUrl,
      organization: server.seeded.organization.id,
      orbit: server.seeded.orbits.s3.id,
    });
    const ids = await client.setupConfig({
      organization: server.seeded.organization.name,
      orbit: server.seeded.orbits.azure.name,
    });
    expect(ids).toEqual({
      organizationId: server.seeded.organization.id,
      orbitId: server.seeded.orbits.azure.id,
      collectionId: server.seeded.collections.azure.id,
    });
    client.collection = server.seeded.collections.s3.id;
    expect(client.collection).toBe(server.seeded.collections.s3.id);
    expect(() => {
      client.orbit = "";
    }).toThrow(ConfigurationError);
  });
});

describe("default resolution against collections the dev server does not seed", () => {
  const organization = {
    id: "11111111-1111-4111-8111-111111111111",
    name: "Solo",
    created_at: "2025-01-01T00:00:00Z",
  };
  const orbit = {
    id: "22222222-2222-4222-8222-222222222222",
    name: "Main",
    organization_id: organization.id,
    bucket_secret_id: "33333333-3333-4333-8333-333333333333",
    created_at: "2025-01-01T00:00:00Z",
  };
  const collection = (id: string, name: string) => ({
    id,
    name,
    orbit_id: orbit.id,
    description: "",
    type: "mixed",
    tags: null,
    total_artifacts: 0,
    created_at: "2025-01-01T00:00:00Z",
  });
  const twins = [
    collection("44444444-4444-4444-8444-444444444444", "Models"),
    collection("55555555-5555-4555-8555-555555555555", "Models"),
    collection("66666666-6666-4666-8666-666666666666", "Models v2"),
  ];
  let api: JsonServer;
  beforeAll(async () => {
    const orbitPath = `/v1/organizations/${organization.id}/orbits/${orbit.id}`;
    api = await startJsonServer({
      "GET /v1/users/me/organizations": { json: [organization] },
      [`GET /v1/organizations/${organization.id}/orbits`]: { json: [orbit] },
      [`GET ${orbitPath}/collections`]: (url) => {
        const search = url.searchParams.get("search")?.toLowerCase();
        const items = twins.filter((item) => !search || item.name.toLowerCase().includes(search));
        const limit = Number(url.searchParams.get("limit") ?? 50);
        return {
          json: { items: items.slice(0, limit), cursor: items.length > limit ? "next" : null },
        };
      },
    });
  });
  afterAll(() => api?.close());

  it("applies the single-item rule to organization and orbit but not to several collections", async () => {
    const client = await LumlClient.create({ apiKey: "dfs_test_key_123456", baseUrl: api.baseUrl });
    expect(client.organization).toBe(organization.id);
    expect(client.orbit).toBe(orbit.id);
    expect(client.collection).toBeUndefined();
  });

  it("asks for the id when two collections share the name", async () => {
    const error = await LumlClient.create({
      apiKey: "dfs_test_key_123456",
      baseUrl: api.baseUrl,
      collection: "Models",
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MultipleResourcesFoundError);
    expect((error as Error).message).toContain(twins[0]?.id);
    expect((error as Error).message).toContain("pass the id");
    const searched = api.requests.find((request) => request.url.includes("search=Models"));
    expect(searched).toBeDefined();
  });
});
