import { createHash } from "node:crypto";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { createFetchAttempt, createTransport, type ResourceContext } from "@luml/core/internal";
import type { StorageRequest, Transport } from "../../core/src/transport/transport";
import { nodePlatform } from "../src/node-platform";
import type { TestServer as DevServer } from "./test-server";

/** Which seeded collection a test runs against. */
export type StorageKind = "s3" | "azure";

/** A transport that records the storage requests it forwards to the real one. */
export interface RecordingTransport extends Transport {
  storageRequests: Array<Pick<StorageRequest, "method" | "url" | "headers">>;
  apiRequests: Array<{ method: string; path: string }>;
}

/** A transfer context against the dev server's collection of one storage kind. */
export function transferContext(
  server: DevServer,
  kind: StorageKind,
): ResourceContext & { transport: RecordingTransport } {
  // The path `LumlClient` from @luml/node takes: node:http for storage in Node, fetch in Bun.
  const fetchAttempt = createFetchAttempt((input, init) => globalThis.fetch(input, init));
  const inner = createTransport({
    baseUrl: server.baseUrl,
    apiKey: server.apiKey,
    maxRetries: 2,
    apiAttempt: fetchAttempt,
    storageAttempt: nodePlatform.storageAttempt ?? fetchAttempt,
  });
  const transport: RecordingTransport = {
    storageRequests: [],
    apiRequests: [],
    request(request) {
      transport.apiRequests.push({ method: request.method, path: request.path });
      return inner.request(request);
    },
    storage(request) {
      transport.storageRequests.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
      });
      return inner.storage(request);
    },
  };
  const { organization, orbits, collections } = server.seeded;
  const defaults = {
    organizationId: organization.id,
    orbitId: orbits[kind].id,
    collectionId: collections[kind].id,
  };
  return { transport, platform: nodePlatform, defaults: async () => defaults };
}

/** `/v1/organizations/{org}/orbits/{orbit}/collections/{col}/artifacts` of a seeded collection. */
export function artifactsPath(server: DevServer, kind: StorageKind): string {
  const { organization, orbits, collections } = server.seeded;
  return `/v1/organizations/${organization.id}/orbits/${orbits[kind].id}/collections/${collections[kind].id}/artifacts`;
}

/** Reads an artifact record straight from the API. */
export async function fetchArtifact(
  server: DevServer,
  kind: StorageKind,
  id: string,
): Promise<{ status: string; bucket_location: string; file_hash: string; [key: string]: unknown }> {
  const response = await fetch(`${server.baseUrl}${artifactsPath(server, kind)}/${id}`, {
    headers: { Authorization: `Bearer ${server.apiKey}` },
  });
  if (!response.ok) throw new Error(`GET artifact: ${response.status}`);
  return (await response.json()) as never;
}

/** Ids of the artifacts in a seeded collection. */
export async function listArtifactIds(server: DevServer, kind: StorageKind): Promise<string[]> {
  const { organization, orbits, collections } = server.seeded;
  const url = `${server.baseUrl}/v1/organizations/${organization.id}/orbits/${orbits[kind].id}/artifacts?limit=100&collection_ids=${collections[kind].id}`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${server.apiKey}` } });
  if (!response.ok) throw new Error(`list artifacts: ${response.status}`);
  const page = (await response.json()) as { items: Array<{ id: string }> };
  return page.items.map((item) => item.id).sort();
}

/** sha256 of the stored object, read with the storage's own SDK (not through the SDK under test). */
export async function storedObjectHash(
  server: DevServer,
  kind: StorageKind,
  key: string,
): Promise<string> {
  const hash = createHash("sha256");
  if (kind === "s3") {
    const s3 = server.storage.s3;
    const client = new S3Client({
      // s3rver itself, with its fixed credentials: the proxy only takes presigned URLs.
      endpoint: s3.backendEndpoint,
      region: s3.region,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    for await (const chunk of object.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
    client.destroy();
  } else {
    const azure = server.storage.azure;
    const service = new BlobServiceClient(
      azure.backendEndpoint,
      new StorageSharedKeyCredential(azure.accountName, azure.accountKey),
    );
    const download = await service
      .getContainerClient(azure.container)
      .getBlobClient(key)
      .download();
    for await (const chunk of download.readableStreamBody as AsyncIterable<Uint8Array>)
      hash.update(chunk);
  }
  return hash.digest("hex");
}
