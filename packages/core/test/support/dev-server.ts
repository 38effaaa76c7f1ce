/// <reference types="node" />
import { type DevServer, type DevServerOptions, startDevServer } from "@luml/dev-server";
import {
  type CreateArtifactBody,
  type LumlArtifactManifest,
  LumlClient,
  type LumlClientOptions,
} from "../../src/index";

/** Starts a dev server on ephemeral ports for one test file. */
export function startServer(options: DevServerOptions = {}): Promise<DevServer> {
  return startDevServer({ faults: true, ...options });
}

/** A client on `server`, without retry delays unless asked. */
export function clientFor(server: DevServer, options: LumlClientOptions = {}): LumlClient {
  return new LumlClient({ apiKey: server.apiKey, baseUrl: server.baseUrl, ...options });
}

/** A client whose defaults are the seeded organization, orbit and collection. */
export function seededClient(
  server: DevServer,
  kind: "s3" | "azure" = "s3",
  options: LumlClientOptions = {},
): Promise<LumlClient> {
  return LumlClient.create({
    apiKey: server.apiKey,
    baseUrl: server.baseUrl,
    organization: server.seeded.organization.id,
    orbit: server.seeded.orbits[kind].id,
    collection: server.seeded.collections[kind].id,
    ...options,
  });
}

/** A manifest the service accepts: the LUML-artifact form, of a model unless `artifactType`. */
export function lumlManifest(artifactType = "model"): LumlArtifactManifest {
  return {
    artifact_type: artifactType,
    variant: "pipeline",
    name: "m",
    version: "1",
    producer_name: "luml-core-tests",
    producer_version: "0.0.0",
    producer_tags: [],
    payload: {},
  };
}

/** A valid create body for a LUML-artifact-form model. */
export function artifactBody(overrides: Partial<CreateArtifactBody> = {}): CreateArtifactBody {
  return {
    file_name: "model.luml",
    manifest: lumlManifest(),
    file_hash: "0".repeat(64),
    file_index: { "manifest.json": [512, 100] },
    size: 2048,
    extra_values: {},
    ...overrides,
  };
}
