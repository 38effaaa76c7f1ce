import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createApiApp } from "./api/create-api-app";
import { defaultPartSize } from "./api/part-size";
import { openDatabase } from "./database/open-database";
import { FaultEngine } from "./faults";
import { seed } from "./seed";
import { startStorage } from "./storage/index";
import type { DevServer, DevServerOptions } from "./types";

/** The service's multipart threshold: files over 500 MiB upload in parts. */
export const DEFAULT_MULTIPART_THRESHOLD = 524_288_000;
/** The service's presigned URL lifetime: 12 hours. */
export const DEFAULT_URL_EXPIRES_IN = 12 * 60 * 60;

/** Largest API request body by default: 16 MiB, far above any real create or PATCH body. */
export const DEFAULT_API_BODY_LIMIT = 16 * 1024 * 1024;
/** S3's smallest part (every part but the last) of a multipart upload: 5 MiB. */
export const DEFAULT_S3_MIN_PART_SIZE = 5 * 1024 * 1024;

/** Rejects options that cannot work before anything is started. */
function checkOptions(options: DevServerOptions): void {
  const { port, multipartThreshold, partSize, urlExpiresIn, corsOrigins, apiBodyLimit } = options;
  const { s3MinPartSize, maxArtifactsPerOrganization } = options;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new TypeError(`port must be an integer from 0 to 65535, got ${port}`);
  }
  if (
    multipartThreshold !== undefined &&
    (!Number.isInteger(multipartThreshold) || multipartThreshold < 0)
  ) {
    throw new TypeError(
      `multipartThreshold must be a non-negative integer, got ${multipartThreshold}`,
    );
  }
  if (typeof partSize === "number" && (!Number.isInteger(partSize) || partSize < 1)) {
    throw new TypeError(`partSize must be a positive integer, got ${partSize}`);
  }
  if (urlExpiresIn !== undefined && (!Number.isInteger(urlExpiresIn) || urlExpiresIn < 1)) {
    throw new TypeError(`urlExpiresIn must be a positive number of seconds, got ${urlExpiresIn}`);
  }
  if (apiBodyLimit !== undefined && (!Number.isInteger(apiBodyLimit) || apiBodyLimit < 1)) {
    throw new TypeError(`apiBodyLimit must be a positive integer, got ${apiBodyLimit}`);
  }
  if (s3MinPartSize !== undefined && (!Number.isInteger(s3MinPartSize) || s3MinPartSize < 0)) {
    throw new TypeError(`s3MinPartSize must be a non-negative integer, got ${s3MinPartSize}`);
  }
  if (
    maxArtifactsPerOrganization !== undefined &&
    (!Number.isInteger(maxArtifactsPerOrganization) || maxArtifactsPerOrganization < 0)
  ) {
    throw new TypeError(
      `maxArtifactsPerOrganization must be a non-negative integer, got ${maxArtifactsPerOrganization}`,
    );
  }
  if (corsOrigins !== undefined && corsOrigins !== "*" && !Array.isArray(corsOrigins)) {
    throw new TypeError('corsOrigins must be "*" or a list of origins');
  }
}

function partSizeFunction(partSize: DevServerOptions["partSize"]): (size: number) => number {
  if (typeof partSize === "number") return () => partSize;
  if (typeof partSize === "function") {
    return (size) => {
      const value = partSize(size);
      if (!Number.isInteger(value) || value < 1)
        throw new Error(`partSize(${size}) returned ${value}`);
      return value;
    };
  }
  return defaultPartSize;
}

/**
 * Starts a LUML-compatible API on a free port with its S3 and Azure storage
 * emulators, seeded with a demo organization, orbits, collections and API keys.
 * State is in memory unless `dataDir` is given.
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  checkOptions(options);
  const host = options.host ?? "127.0.0.1";
  const corsOrigins = options.corsOrigins ?? "*";
  const faults = new FaultEngine(options.faults ?? false);
  const db = openDatabase(options.dataDir);
  let storage: Awaited<ReturnType<typeof startStorage>> | undefined;
  try {
    storage = await startStorage({
      host,
      dataDir: options.dataDir ? join(options.dataDir, "storage") : undefined,
      corsOrigins,
      faults,
      urlExpiresIn: options.urlExpiresIn ?? DEFAULT_URL_EXPIRES_IN,
      s3MinPartSize: options.s3MinPartSize ?? DEFAULT_S3_MIN_PART_SIZE,
    });
    const { apiKey, seeded } = seed(
      db,
      { s3: storage.info.s3.bucket, azure: storage.info.azure.container },
      options.apiKey,
    );
    const app = createApiApp({
      db,
      storage,
      faults,
      corsOrigins,
      multipartThreshold: options.multipartThreshold ?? DEFAULT_MULTIPART_THRESHOLD,
      partSize: partSizeFunction(options.partSize),
      maxBodySize: options.apiBodyLimit ?? DEFAULT_API_BODY_LIMIT,
      maxArtifactsPerOrganization: options.maxArtifactsPerOrganization,
    });
    const server = await listen(app.fetch, host, options.port ?? 0);
    // A `stall: "request"` fault never reads the body; node's default 5-minute
    // request timeout would then answer 408, where a stall must stay silent.
    if (faults.enabled) server.requestTimeout = 0;
    const { port } = server.address() as AddressInfo;
    const backend = storage;
    let stopping: Promise<void> | undefined;
    return {
      baseUrl: `http://${urlHost(host)}:${port}`,
      apiKey,
      seeded,
      storage: backend.info,
      faults,
      stop() {
        stopping ??= (async () => {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
          await backend.stop();
          db.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await storage?.stop();
    db.close();
    throw error;
  }
}

/** The host to put in URLs: a wildcard bind is reached over loopback. */
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

type Server = ReturnType<typeof serve> & import("node:http").Server;

function listen(
  fetch: Parameters<typeof serve>[0]["fetch"],
  hostname: string,
  port: number,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server as Server)) as Server;
    server.once("error", reject);
  });
}
