/**
 * Builds the suite's page with Vite (as an app using @luml/browser would be built)
 * and serves it from a throwaway folder on a free port: another origin than the
 * dev server, so every API and storage request crosses CORS for real.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

/** The page, served. */
export interface ServedPage {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** Stops the server and removes the built files. */
  close(): Promise<void>;
}

const pageRoot = fileURLToPath(new URL("./page", import.meta.url));
const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
};

/** Builds and serves the page. */
export async function servePage(): Promise<ServedPage> {
  const outDir = await mkdtemp(join(tmpdir(), "luml-runtime-page-"));
  try {
    await build({
      root: pageRoot,
      configFile: false,
      logLevel: "warn",
      build: { outDir, emptyOutDir: true, target: "es2022" },
    });
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
  const server = createServer(async (request, response) => {
    const pathname = new URL(request.url ?? "/", "http://page").pathname;
    const file = normalize(
      join(outDir, pathname.endsWith("/") ? `${pathname}index.html` : pathname),
    );
    if (!file.startsWith(outDir)) return void response.writeHead(403).end();
    try {
      const body = await readFile(file);
      const type = contentTypes[extname(file)] ?? "application/octet-stream";
      // `?strict-csp`: the page as a site whose policy allows its own scripts only
      // (no WebAssembly, no `blob:` workers) serves it.
      const policy = new URL(request.url ?? "/", "http://page").searchParams.has("strict-csp")
        ? { "content-security-policy": "script-src 'self'" }
        : {};
      response.writeHead(200, { "content-type": type, ...policy }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
