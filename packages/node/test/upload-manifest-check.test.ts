import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileError, LumlClient } from "../src/index";
import { buildTar } from "./build-archive";
import { useTestServer } from "./test-server";

const shared = useTestServer({ faults: true }, "luml-manifest-");

describe("artifacts.upload and the archive's manifest", () => {
  it("refuses a manifest the service would refuse, naming the problem, before any request", async () => {
    const luml = await LumlClient.create({
      baseUrl: shared.server.baseUrl,
      apiKey: shared.server.apiKey,
      organization: shared.server.seeded.organization.id,
      orbit: shared.server.seeded.orbits.s3.id,
      collection: shared.server.seeded.collections.s3.id,
    });
    const path = join(shared.folder, "dataset.luml");
    const manifest = { artifact_type: "dataset", payload: {} };
    await writeFile(
      path,
      buildTar([
        { name: "manifest.json", data: new TextEncoder().encode(JSON.stringify(manifest)) },
      ]),
    );
    // A rule that matches every API request and never fires counts them.
    await shared.server.faults.clear();
    await shared.server.faults.add({
      target: "api",
      path: ".",
      nth: 1_000_000,
      action: { delayMs: 0 },
    });
    const error = await luml.artifacts.upload(path).catch((caught: unknown) => caught);
    const [rule] = await shared.server.faults.list();
    await shared.server.faults.clear();

    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).code).toBe("invalid_manifest");
    expect((error as FileError).fileName).toBe("dataset.luml");
    expect((error as Error).message).toBe(
      "manifest.json in dataset.luml is not the LUML-artifact form (artifact_type, variant, producer_name, producer_version, producer_tags, payload): variant is missing; producer_name is missing; producer_version is missing; producer_tags is missing.",
    );
    expect(rule?.matched).toBe(0);
  });
});
