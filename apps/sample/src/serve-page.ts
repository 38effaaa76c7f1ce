/**
 * Serves the browser page with Vite, on its own port, so the page and the API are
 * different origins and CORS is exercised for real. The page reads its settings
 * from `/config.json`, answered from memory. By default the page holds no API key:
 * this server holds it and answers the page's `/api/…` requests (`page-api.ts`);
 * with `keyInBrowser`, the key goes to the page, which calls the API itself.
 */
import { fileURLToPath } from "node:url";
import { createServer, type Plugin } from "vite";
import { createPageApi } from "./page-api.ts";
import type { LumlConnection, PageConfig } from "./page-config.ts";

/** Where and how to serve the page. */
export interface ServePageOptions {
  /** The LUML the page works with. */
  connection: LumlConnection;
  /** Hands the API key to the page, which then calls the API itself. Default `false`. */
  keyInBrowser?: boolean;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
}

/** A running page server. */
export interface PageServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  close(): Promise<void>;
}

const webRoot = fileURLToPath(new URL("../web", import.meta.url));

/** Starts the Vite dev server of `web/` and resolves once it listens. */
export async function servePage(options: ServePageOptions): Promise<PageServer> {
  const host = options.host ?? "127.0.0.1";
  const server = await createServer({
    root: webRoot,
    configFile: false,
    logLevel: "warn",
    clearScreen: false,
    plugins: [pageBackend(options.connection, options.keyInBrowser === true)],
    server: { host, port: options.port ?? 0, strictPort: true },
    // Pre-bundling the SDK's dependencies up front avoids a reload on first visit.
    optimizeDeps: { include: ["@luml/browser"] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("The page server did not start");
  return { url: `http://${host}:${address.port}/`, close: () => server.close() };
}

/** Answers `GET /config.json` with the page's settings, and `/api/…` when the page holds no key. */
function pageBackend(connection: LumlConnection, keyInBrowser: boolean): Plugin {
  const { organization, orbits, collection } = connection;
  const config: PageConfig = keyInBrowser
    ? {
        mode: "key-in-browser",
        organization,
        orbits,
        collection,
        baseUrl: connection.baseUrl,
        apiKey: connection.apiKey,
      }
    : { mode: "keyless", organization, orbits, collection };
  const api = keyInBrowser ? undefined : createPageApi(connection);
  return {
    name: "luml-page-backend",
    configureServer(server) {
      server.middlewares.use("/config.json", (_request, response) => {
        response.setHeader("Content-Type", "application/json");
        response.setHeader("Cache-Control", "no-store");
        response.end(JSON.stringify(config));
      });
      if (api)
        server.middlewares.use((request, response, next) => void api(request, response, next));
    },
  };
}
