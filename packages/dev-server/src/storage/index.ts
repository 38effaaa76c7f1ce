import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import type { FaultEngine } from "../faults";
import type { StorageInfo } from "../types";
import { createAzureInterceptor } from "./azure-intercept";
import { type AzuriteProcess, startAzurite } from "./azurite-process";
import { objectPathProblem } from "./object-path";
import { AzureSasSigner, S3Presigner } from "./presign";
import { type StorageProxy, startProxy } from "./proxy";
import { createS3Interceptor } from "./s3-intercept";
import { type S3rverBackend, startS3rver } from "./s3rver-backend";

export { azureBlockId } from "./presign";

/** Options of {@link startStorage}. */
export interface StorageBackendOptions {
  /** Interface the proxies bind to (`127.0.0.1`, `0.0.0.0`, …); URLs use it, or loopback for a wildcard. */
  host: string;
  /** Keeps objects under `dataDir/s3` and `dataDir/azure`; `undefined` uses a temporary folder / memory, gone on `stop()`. */
  dataDir?: string;
  /** Origins allowed by CORS on both proxies. */
  corsOrigins: "*" | string[];
  /** Fault rules the proxies apply (targets `s3` and `azure`). */
  faults: FaultEngine;
  /** Lifetime of presigned / SAS URLs in seconds (1–604,800). */
  urlExpiresIn: number;
  /** Smallest S3 part (all but the last) a multipart complete accepts, as S3's 5 MiB rule; default 0 (any size; `startDevServer` passes 5 MiB). */
  s3MinPartSize?: number;
}

/** Both storages, running, and how to make URLs for them. */
export interface StorageBackend {
  /** Endpoints, names and credentials, for tests that check stored bytes independently. */
  info: StorageInfo;
  /** A URL to `PUT` the whole object (Azure: send `x-ms-blob-type: BlockBlob`). */
  simpleUploadUrl(kind: "s3" | "azure", key: string): Promise<string>;
  /** A presigned `POST <object>?uploads` that starts an S3 multipart upload. */
  s3CreateMultipartUrl(key: string): Promise<string>;
  /** Part URLs (in `partNumbers` order) and the URL that completes the upload (S3 `POST ?uploadId`, Azure `PUT &comp=blocklist`). */
  multipartUrls(
    kind: "s3" | "azure",
    key: string,
    uploadId: string | null,
    partNumbers: number[],
  ): Promise<{ parts: string[]; completeUrl: string }>;
  /** A URL to `GET` the object (Range supported). */
  downloadUrl(kind: "s3" | "azure", key: string): Promise<string>;
  /** A URL to `DELETE` the object (S3 answers 204, Azure 202). */
  deleteUrl(kind: "s3" | "azure", key: string): Promise<string>;
  /** Stops both proxies and emulators, frees their ports and removes temporary data. */
  stop(): Promise<void>;
}

/** Azurite's well-known development account. */
const AZURITE_ACCOUNT = "devstoreaccount1";
const AZURITE_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
const BUCKET = "luml-dev";
const CONTAINER = "luml-dev";

/** The host to put in URLs for a bind address (a wildcard bind is reached over loopback). */
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

function validate(options: StorageBackendOptions): void {
  if (
    !Number.isInteger(options.urlExpiresIn) ||
    options.urlExpiresIn < 1 ||
    options.urlExpiresIn > 604_800
  ) {
    throw new RangeError(
      `urlExpiresIn must be an integer number of seconds from 1 to 604800, got ${options.urlExpiresIn}`,
    );
  }
  if (options.corsOrigins !== "*" && !Array.isArray(options.corsOrigins)) {
    throw new TypeError('corsOrigins must be "*" or an array of origins');
  }
}

function checkKey(key: string): void {
  if (typeof key !== "string" || key === "" || key.startsWith("/")) {
    throw new TypeError(`object key must be a non-empty relative path, got ${JSON.stringify(key)}`);
  }
  const problem = objectPathProblem(key);
  if (problem) throw new TypeError(`object key ${JSON.stringify(key)} is refused: ${problem}`);
}

function checkPartNumbers(partNumbers: number[]): void {
  for (const partNumber of partNumbers) {
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
      throw new RangeError(`part numbers must be integers from 1 to 10000, got ${partNumber}`);
    }
  }
}

/** Runs `stops` one after another, even when some fail, and rethrows the first failure. */
async function stopAll(stops: Array<() => Promise<void>>): Promise<void> {
  let firstError: unknown;
  for (const stop of stops) {
    await stop().catch((error: unknown) => {
      firstError ??= error;
    });
  }
  if (firstError !== undefined) throw firstError;
}

async function createContainer(endpoint: string): Promise<void> {
  const service = new BlobServiceClient(
    endpoint,
    new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY),
  );
  await service.getContainerClient(CONTAINER).createIfNotExists();
}

/**
 * Starts s3rver and azurite on ephemeral loopback ports, each behind a proxy
 * of ours (CORS, faults, S3 signature checks), with the bucket and container
 * created. Everything started is stopped again if a later step fails.
 */
export async function startStorage(options: StorageBackendOptions): Promise<StorageBackend> {
  validate(options);
  const stops: Array<() => Promise<void>> = [];
  try {
    const s3Directory = options.dataDir
      ? join(options.dataDir, "s3")
      : await mkdtemp(join(tmpdir(), "luml-s3-"));
    if (options.dataDir) await mkdir(s3Directory, { recursive: true });
    else stops.push(() => rm(s3Directory, { recursive: true, force: true }));
    const azureDirectory = options.dataDir ? join(options.dataDir, "azure") : undefined;
    if (azureDirectory) await mkdir(azureDirectory, { recursive: true });

    const [s3rver, azurite] = await Promise.allSettled([
      startS3rver(s3Directory, BUCKET),
      startAzurite(azureDirectory ? { location: azureDirectory } : {}),
    ]);
    if (s3rver.status === "fulfilled") stops.unshift(() => s3rver.value.stop());
    if (azurite.status === "fulfilled") stops.unshift(() => azurite.value.stop());
    if (s3rver.status === "rejected") throw s3rver.reason;
    if (azurite.status === "rejected") throw azurite.reason;
    return await assemble(options, s3rver.value, azurite.value, stops);
  } catch (error) {
    await stopAll(stops).catch(() => undefined);
    throw error;
  }
}

async function assemble(
  options: StorageBackendOptions,
  s3rver: S3rverBackend,
  azurite: AzuriteProcess,
  stops: Array<() => Promise<void>>,
): Promise<StorageBackend> {
  const azureBackendEndpoint = `http://${azurite.address.host}:${azurite.address.port}/${AZURITE_ACCOUNT}`;
  await createContainer(azureBackendEndpoint);

  const credentials = {
    accessKeyId: `LUMLDEV${randomBytes(6).toString("hex").toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString("base64url"),
    region: "us-east-1",
  };
  const s3Proxy = await startProxy({
    target: "s3",
    host: options.host,
    backend: s3rver.address,
    corsOrigins: options.corsOrigins,
    faults: options.faults,
    rewriteHost: false,
    intercept: createS3Interceptor({
      credentials,
      backend: s3rver,
      minPartSize: options.s3MinPartSize ?? 0,
    }),
    serveInProcess: s3rver.handle,
  });
  stops.unshift(() => s3Proxy.stop());
  const azureProxy: StorageProxy = await startProxy({
    target: "azure",
    host: options.host,
    backend: azurite.address,
    corsOrigins: options.corsOrigins,
    faults: options.faults,
    rewriteHost: true,
    intercept: createAzureInterceptor(),
  });
  stops.unshift(() => azureProxy.stop());

  const host = urlHost(options.host);
  const info: StorageInfo = {
    s3: {
      endpoint: `http://${host}:${s3Proxy.port}`,
      backendEndpoint: s3rver.endpoint,
      bucket: BUCKET,
      ...credentials,
    },
    azure: {
      endpoint: `http://${host}:${azureProxy.port}/${AZURITE_ACCOUNT}`,
      backendEndpoint: azureBackendEndpoint,
      accountName: AZURITE_ACCOUNT,
      accountKey: AZURITE_KEY,
      container: CONTAINER,
    },
  };
  const s3 = new S3Presigner(info.s3, options.urlExpiresIn);
  stops.unshift(async () => s3.destroy());
  const azure = new AzureSasSigner(info.azure, options.urlExpiresIn);

  let stopped: Promise<void> | undefined;
  return {
    info,
    async simpleUploadUrl(kind, key) {
      checkKey(key);
      return kind === "s3" ? s3.putObject(key) : azure.blobUrl(key, "cw");
    },
    async s3CreateMultipartUrl(key) {
      checkKey(key);
      return s3.createMultipartUpload(key);
    },
    async multipartUrls(kind, key, uploadId, partNumbers) {
      checkKey(key);
      checkPartNumbers(partNumbers);
      if (kind === "azure") {
        return {
          parts: partNumbers.map((partNumber) => azure.blockUrl(key, partNumber)),
          completeUrl: azure.blockListUrl(key),
        };
      }
      if (!uploadId)
        throw new TypeError(
          "an S3 multipart upload needs the upload id returned by the create request",
        );
      const parts = await Promise.all(
        partNumbers.map((partNumber) => s3.uploadPart(key, uploadId, partNumber)),
      );
      return { parts, completeUrl: await s3.completeMultipartUpload(key, uploadId) };
    },
    async downloadUrl(kind, key) {
      checkKey(key);
      return kind === "s3" ? s3.getObject(key) : azure.blobUrl(key, "r");
    },
    async deleteUrl(kind, key) {
      checkKey(key);
      return kind === "s3" ? s3.deleteObject(key) : azure.blobUrl(key, "d");
    },
    stop() {
      stopped ??= stopAll(stops);
      return stopped;
    },
  };
}
