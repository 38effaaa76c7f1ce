/** What the transport needs to know about the JavaScript runtime, read defensively. */
interface RuntimeGlobals {
  process?: { versions?: { node?: string; bun?: string } };
  Deno?: unknown;
  Bun?: unknown;
}

/**
 * Whether `fetch` can stream a request body whose length is declared up front:
 * true in Node, Bun and Deno; browsers only stream over HTTP/2 and refuse a
 * declared `Content-Length`, so they are left out.
 */
export function canStreamRequestBody(): boolean {
  const runtime = globalThis as RuntimeGlobals;
  return Boolean(runtime.process?.versions?.node || runtime.Bun || runtime.Deno);
}

/** Whether this is a server-side runtime, where `User-Agent` may be set. */
export function isServerRuntime(): boolean {
  return canStreamRequestBody();
}
