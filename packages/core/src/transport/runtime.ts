/** What the transport needs to know about the JavaScript runtime, read defensively. */
interface RuntimeGlobals {
  process?: { versions?: { node?: string; bun?: string } };
  Deno?: unknown;
  Bun?: unknown;
}

/**
 * Whether `fetch` can stream a request body whose length is declared up front:
 * true in Node and Bun. Deno sends every streamed body chunked, dropping the
 * declared `Content-Length` that presigned storage URLs require, and browsers
 * only stream over HTTP/2, so both get whole bodies instead.
 */
export function canStreamRequestBody(): boolean {
  const runtime = globalThis as RuntimeGlobals;
  if (runtime.Deno) return false;
  return Boolean(runtime.process?.versions?.node || runtime.Bun);
}

/** Whether this is a server-side runtime, where `User-Agent` may be set. */
export function isServerRuntime(): boolean {
  const runtime = globalThis as RuntimeGlobals;
  return Boolean(runtime.process?.versions?.node || runtime.Bun || runtime.Deno);
}
