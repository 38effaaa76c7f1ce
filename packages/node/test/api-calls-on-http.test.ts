import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LumlClient } from "../src/index";
import { buildModelArchive } from "./build-archive";
import { seededClientOptions, useTestServer } from "./test-server";

const shared = useTestServer({}, "luml-api-on-http-");
const realFetch = globalThis.fetch;

afterEach(() => {
  globalThis.fetch = realFetch;
});

describe("API calls in Node", () => {
  // Bun's node:http client is built on its fetch, so there API calls stay on fetch.
  it.skipIf("Bun" in globalThis)(
    "go through node:http: a client creates, uploads, lists and downloads without fetch",
    async () => {
      // Any fetch call fails the test; Node's fetch costs 10-17 MiB on first use.
      const fetched: string[] = [];
      globalThis.fetch = async (input) => {
        fetched.push(String(input));
        throw new Error("fetch is not used in Node");
      };
      const luml = await LumlClient.create(seededClientOptions(shared.server, "s3"));
      const path = join(shared.folder, "model.luml");
      await writeFile(path, buildModelArchive(64 * 1024));
      const artifact = await luml.artifacts.upload(path);
      expect((await luml.artifacts.get(artifact.id))?.name).toBe("model.luml");
      await luml.artifacts.download(artifact.id, { to: join(shared.folder, "copy.luml") });
      expect(fetched).toEqual([]);
    },
  );

  it("go through a fetch the client is given", async () => {
    const fetched: string[] = [];
    const luml = await LumlClient.create({
      ...seededClientOptions(shared.server, "s3"),
      fetch: (input, init) => {
        fetched.push(String(input));
        return realFetch(input, init);
      },
    });
    await luml.artifacts.list();
    expect(fetched.some((url) => url.startsWith(`${shared.server.baseUrl}/v1/`))).toBe(true);
  });
});
