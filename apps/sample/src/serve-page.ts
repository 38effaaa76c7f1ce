/**
 * Serves the browser page with Vite, on its own port, so the page and the API are
 * different origins and CORS is exercised for real. The page reads its settings
 * from `/config.json`, answered from memory so the API key is never written to disk.
 */
import { fileURLToPath } from "node:url";
import { createServer, type Plugin } from "vite";
import type { PageConfig } from "./page-config.ts";

/** Where and how to serve the page. */
export interface ServePageOptions {
  /** What the page connects to. */
  config: PageConfig;
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
    plugins: [pageConfig(options.config)],
    server: { host, port: options.port ?? 0, strictPort: true },
    // Pre-bundling the SDK's dependencies up front avoids a reload on first visit.
    optimizeDeps: { include: ["@luml/browser"] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("The page server did not start");
  return { url: `http://${host}:${address.port}/`, close: () => server.close() };
}

/** Answers `GET /config.json` with the page's settings. */
function pageConfig(config: PageConfig): Plugin {
  return {
    name: "luml-page-config",
    configureServer(server) {
      server.middlewares.use("/config.json", (_request, response) => {
        response.setHeader("Content-Type", "application/json");
        response.setHeader("Cache-Control", "no-store");
        response.end(JSON.stringify(config));
      });
    },
  };
}
