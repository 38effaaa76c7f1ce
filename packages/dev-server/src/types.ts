/** Options of `startDevServer` and the CLI. */
export interface DevServerOptions {
  /** API port; 0 (default for `startDevServer`) picks a free one. CLI default 8000. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /**
   * Where the database and stored objects live. `undefined` keeps everything in
   * memory / a temporary folder removed on `stop()` (the `startDevServer` default);
   * the CLI defaults to `./.luml-dev-server`.
   */
  dataDir?: string;
  /** The API key to seed; default a fresh `dfs_…` key. */
  apiKey?: string;
  /** Files larger than this many bytes get multipart upload details. Default 524,288,000. */
  multipartThreshold?: number;
  /** Part size in bytes for a file of `size` bytes. Default: the service's table (32 MiB…1 GiB). */
  partSize?: number | ((size: number) => number);
  /** Origins allowed by CORS on the API and both storages. Default `"*"`. */
  corsOrigins?: "*" | string[];
  /** Enables `/_dev/faults` and `server.faults` (off by default). */
  faults?: boolean;
  /** Presigned URL lifetime in seconds (default 12 h). */
  urlExpiresIn?: number;
  /** Largest API request body in bytes (default 16 MiB); larger ones get `413 {"detail": …}`. */
  apiBodyLimit?: number;
  /**
   * Smallest S3 multipart part (every part but the last) that CompleteMultipartUpload
   * accepts, as S3 refuses smaller ones with `EntityTooSmall`. Default 5 MiB
   * (5,242,880), S3's rule; `0` accepts parts of any size, for tests that upload a
   * few KiB in several parts.
   */
  s3MinPartSize?: number;
  /**
   * Artifacts an organization may hold, as the service's plan limit: creating one
   * more answers `409 {"detail": "Organization reached maximum number of artifacts"}`.
   * Default: no limit.
   */
  maxArtifactsPerOrganization?: number;
}

/** One id/name pair of a seeded resource. */
export interface SeededRef {
  id: string;
  name: string;
}

/** What the dev server seeds, for tests and the demo. */
export interface Seeded {
  organization: SeededRef;
  /** A second organization the key's user belongs to (so the single-item rule does not apply). */
  otherOrganization: SeededRef;
  /** Orbits of `organization`, one per storage protocol. */
  orbits: {
    s3: SeededRef & { bucket_secret_id: string };
    azure: SeededRef & { bucket_secret_id: string };
  };
  /** A `mixed` collection in each orbit. */
  collections: { s3: SeededRef; azure: SeededRef };
  /** A valid key of a user with no rights on `organization` (403 there). */
  noRightsApiKey: string;
}

/** How a matched request fails. */
export type FaultAction =
  /** Answers with this status (and `Retry-After`, and this body) without handling the request. */
  | { status: number; retryAfter?: number; body?: string }
  /** Waits this many milliseconds, then handles the request normally. */
  | { delayMs: number }
  /**
   * Handles the request normally at the speed of a slower link: a storage upload's
   * body is read, and a storage download's body sent, at this many bytes per second
   * on average; an API reply is held back as long as its body would take.
   */
  | { bytesPerSecond: number }
  /**
   * A request with a body (a storage PUT, an S3 CompleteMultipartUpload POST): reads
   * about half of it, then destroys the socket, so nothing is stored. Otherwise:
   * sends the status line, headers and about half the body, then destroys the socket.
   */
  | { cut: "mid-body" }
  /** Closes the connection before any response. */
  | { cut: "before-response" }
  /**
   * Handles (or forwards) the request, so it takes effect, then closes the
   * connection before any response: a reply lost on the way back.
   */
  | { cut: "after-handling" }
  /** Flips a byte of the response body (for verified-download tests). */
  | { corrupt: true }
  /**
   * Handles (or forwards) the request normally, sends the reply's status line and
   * headers with its real Content-Length, then no body byte ever: the connection
   * stays open until the client closes it or the server stops.
   */
  | { stall: "after-headers" }
  /** Like `after-headers`, but about half of the body is sent first. */
  | { stall: "mid-body" }
  /**
   * Stops reading the request body and never answers: the client's upload stalls
   * once the socket buffers fill; the request has no effect. The connection stays
   * open until the client closes it or the server stops.
   */
  | { stall: "request" };

/** A fault rule: the `nth` matching request (1-based, default 1), `times` in a row (default 1). */
export interface FaultRule {
  target: "api" | "s3" | "azure";
  method?: string;
  /** A regular expression source tested against the path + query of the request. */
  path: string;
  nth?: number;
  times?: number;
  action: FaultAction;
}

/** Fault injection, also reachable over HTTP at `POST/GET/DELETE {baseUrl}/_dev/faults`. */
export interface FaultController {
  add(rule: FaultRule): string;
  clear(): void;
  /** Rules with how many requests each matched and fired on. */
  list(): Array<FaultRule & { id: string; matched: number; fired: number }>;
}

/** Storage endpoints, credentials and names, for tests that check stored bytes independently. */
export interface StorageInfo {
  s3: {
    /** The signature-verifying proxy presigned URLs point at. */
    endpoint: string;
    /** s3rver itself, behind the proxy. */
    backendEndpoint: string;
    region: string;
    bucket: string;
    accessKeyId: string;
    secretAccessKey: string;
  };
  azure: {
    /** The proxy presigned SAS URLs point at (`http://127.0.0.1:PORT/devstoreaccount1`). */
    endpoint: string;
    /** Azurite itself (`http://127.0.0.1:PORT/devstoreaccount1`). */
    backendEndpoint: string;
    accountName: string;
    accountKey: string;
    container: string;
  };
}

/** A running dev server. */
export interface DevServer {
  /** `http://127.0.0.1:PORT` (routes under `/v1`). */
  baseUrl: string;
  apiKey: string;
  seeded: Seeded;
  storage: StorageInfo;
  faults: FaultController;
  /** Stops the API, the proxies and every child process; frees every port. */
  stop(): Promise<void>;
}
