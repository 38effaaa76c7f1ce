import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigurationError, LumlClient, NotFoundError } from "../src/index";
import { buildModelArchive, sha256Hex, writeArchive } from "./build-archive";
import { storedObjectHash } from "./harness";
import { seededClientOptions, useTestServer } from "./test-server";

const mebibyte = 1024 * 1024;
const shared = useTestServer(
  { multipartThreshold: 6 * mebibyte, partSize: 5 * mebibyte },
  "luml-client-",
);

describe.each(["s3", "azure"] as const)("LumlClient from @luml/node on %s", (kind) => {
  it("uploads a path, downloads it to a folder and deletes it from storage", async () => {
    const luml = await LumlClient.create(seededClientOptions(shared.server, kind));
    const path = join(shared.folder, `client-${kind}.fnnx`);
    const hash = await writeArchive(path, buildModelArchive(7 * mebibyte));

    const artifact = await luml.artifacts.upload(path, {
      description: "from a path",
      tags: ["client"],
    });
    expect(artifact.status).toBe("uploaded");
    expect(artifact.file_name).toBe(`client-${kind}.fnnx`);
    expect(artifact.description).toBe("from a path");

    const saved = await mkdtemp(join(shared.folder, "saved-"));
    const result = await luml.artifacts.download(artifact.id, { to: saved, concurrency: 3 });
    expect(result.path).toBe(join(saved, `client-${kind}.fnnx`));
    expect(sha256Hex(await readFile(result.path as string))).toBe(hash);

    await luml.artifacts.delete(artifact.id);
    await expect(storedObjectHash(shared.server, kind, artifact.bucket_location)).rejects.toThrow();
    const gone = await luml.artifacts.get(artifact.id).catch((error: unknown) => error);
    expect(gone === null || NotFoundError.isInstance(gone)).toBe(true);
    // Deleting the artifact leaves the user's local file alone.
    expect(existsSync(path)).toBe(true);
  });
});

describe("LumlClient options from @luml/node", () => {
  it("refuses the Python spellings rather than falling back on the environment", async () => {
    const options = { api_key: shared.server.apiKey, base_url: shared.server.baseUrl };
    expect(() => new LumlClient(options as never)).toThrow(
      /takes no option "api_key" \(did you mean "apiKey"\?\)/,
    );
    const created = await LumlClient.create({
      ...seededClientOptions(shared.server, "s3"),
      collection_id: "x",
    } as never).catch((error: unknown) => error);
    expect(ConfigurationError.isInstance(created)).toBe(true);
    expect((created as Error).message).toMatch(/"collection_id" \(did you mean "collection"\?\)/);
  });
});
