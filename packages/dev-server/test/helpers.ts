import type { DevServer } from "../src/types";

/** Calls the dev server with plain fetch, authenticated with `apiKey` unless `null`. */
export async function call(
  server: DevServer,
  method: string,
  path: string,
  options: { body?: unknown; apiKey?: string | null; headers?: Record<string, string> } = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes off the wire.
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  const apiKey = options.apiKey === undefined ? server.apiKey : options.apiKey;
  if (apiKey !== null) headers.authorization = `Bearer ${apiKey}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${server.baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Non-JSON bodies are returned as text.
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** `/v1/organizations/{org}/orbits/{orbit}` of a seeded orbit. */
export function orbitPath(server: DevServer, kind: "s3" | "azure" = "s3"): string {
  return `/v1/organizations/${server.seeded.organization.id}/orbits/${server.seeded.orbits[kind].id}`;
}

/** `…/collections/{col}/artifacts` of a seeded collection. */
export function artifactsPath(server: DevServer, kind: "s3" | "azure" = "s3"): string {
  return `${orbitPath(server, kind)}/collections/${server.seeded.collections[kind].id}/artifacts`;
}

const MODEL_FILES = [
  "dtypes.json",
  "env.json",
  "manifest.json",
  "meta.json",
  "ops.json",
  "variant_config.json",
];

/**
 * A model-form manifest the service accepts (one NDJSON input, one JSON output),
 * written as the service normalises it.
 */
export function modelManifest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    variant: "pipeline",
    name: "model",
    version: "1.0",
    description: null,
    producer_name: "luml-dev-server-tests",
    producer_version: "0.0.0",
    producer_tags: [],
    inputs: [
      {
        name: "x",
        content_type: "NDJSON",
        dtype: "Array[float32]",
        tags: null,
        shape: ["batch", 1],
      },
    ],
    outputs: [{ name: "y", content_type: "JSON", dtype: "string", tags: null }],
    dynamic_attributes: [],
    env_vars: [],
    ...overrides,
  };
}

/** A LUML-artifact-form manifest of `artifactType` the service accepts. */
export function lumlArtifactManifest(
  artifactType: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    artifact_type: artifactType,
    variant: "dataset_v1",
    name: "artifact",
    producer_name: "luml-dev-server-tests",
    producer_version: "0.0.0",
    producer_tags: [],
    payload: {},
    ...overrides,
  };
}

/** A valid create body of a model artifact, with overrides. */
export function modelBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    file_name: "model.fnnx",
    name: "model",
    description: null,
    extra_values: {},
    manifest: modelManifest(),
    file_hash: "0".repeat(64),
    file_index: Object.fromEntries(
      MODEL_FILES.map((file, index) => [file, [512 + index * 1024, 10]]),
    ),
    size: 100,
    tags: null,
    type: null,
    ...overrides,
  };
}
