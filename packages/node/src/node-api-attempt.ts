import { createHttpModuleAttempt, type HttpAttempt } from "@luml/core/internal";
import { http, https } from "./network-modules";

/**
 * One API call on `node:http`/`node:https`, over kept-alive sockets, for Node.
 * Storage requests load `node:http` anyway; a first `fetch` call would add its own
 * 10–17 MiB (undici's client, compiled on first use) to every process that uploads
 * or downloads. Timeouts, retries and errors are core's, as with `fetch`. Bun's
 * `node:http` client is built on its `fetch`, so there API calls are left to core
 * (`undefined`).
 */
export function createNodeApiAttempt(): HttpAttempt | undefined {
  if ((globalThis as { Bun?: unknown }).Bun) return undefined;
  return createHttpModuleAttempt({ http, https });
}
