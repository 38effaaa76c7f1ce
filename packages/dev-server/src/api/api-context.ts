import type { HttpBindings } from "@hono/node-server";
import type { Db } from "../database/open-database";
import type { FaultEngine } from "../faults";
import type { UrlSigner } from "./url-signer";

/** Settings and collaborators of the API app. */
export interface ApiSettings {
  db: Db;
  storage: UrlSigner;
  faults: FaultEngine;
  corsOrigins: "*" | string[];
  multipartThreshold: number;
  partSize: (size: number) => number;
  /** Largest request body in bytes; larger ones get 413. */
  maxBodySize: number;
  /** Artifacts an organization may hold; creating one more is a 409. `undefined`: no limit. */
  maxArtifactsPerOrganization: number | undefined;
}

/** Hono environment of the API: node bindings plus the authenticated user. */
export interface ApiEnv {
  Bindings: HttpBindings;
  Variables: { userId: string };
}
