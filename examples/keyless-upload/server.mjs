// @ts-check
/**
 * The example's web server (node:http, no framework): the built page from `dist/`,
 * and the upload routes, which hold the API key. The page and the key never meet.
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createUploadRoutes } from "./upload-routes.mjs";

/** Where `vite build` puts the page. */
export const defaultPageDirectory = fileURLToPath(new URL("./dist", import.meta.url));

/** @type {Record<string, string>} */
const contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
};

/**
 * @typedef {object} ExampleServerOptions
 * @property {import("@luml/node").LumlClient} luml - Holds the API key; its default collection receives the uploads.
 * @property {string} [pageDirectory] - The built page. Default `dist/` next to this file.
 * @property {number} [port] - Default 0: a free port.
 * @property {string} [host] - Default `127.0.0.1`.
 */

/**
 * Starts the server; resolves once it listens.
 * @param {ExampleServerOptions} options
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startExampleServer(options) {
  const pageDirectory = resolve(options.pageDirectory ?? defaultPageDirectory);
  const host = options.host ?? "127.0.0.1";
  const uploadRoutes = createUploadRoutes(options.luml);
  const server = createServer(async (request, response) => {
    if (await uploadRoutes(request, response)) return;
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405).end();
      return;
    }
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://server").pathname);
    const file = resolve(
      join(pageDirectory, pathname.endsWith("/") ? `${pathname}index.html` : pathname),
    );
    if (file !== pageDirectory && !file.startsWith(pageDirectory + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        "content-type": contentTypes[extname(file)] ?? "application/octet-stream",
        "content-length": body.length,
      });
      response.end(request.method === "HEAD" ? undefined : body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolveListen(undefined));
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("The server did not start");
  return {
    url: `http://${host}:${address.port}/`,
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
