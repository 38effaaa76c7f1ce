/**
 * The one dev server of a Vitest run: list this file in `globalSetup`, read the
 * server with `inject("lumlDevServer")`. Options come from the config's
 * `provide: { lumlDevServerOptions: { … } }`. Runners other than Vitest use
 * `luml-dev-server --json` or `luml-dev-server -- <command>` instead.
 */
import type { TestProject } from "vitest/node";
import {
  type DevServer,
  type DevServerOptions,
  startDevServer,
} from "../../packages/dev-server/dist/index.js";

/** What a test file gets of the server: where it is, its key, what it seeded. */
export type ProvidedDevServer = Pick<DevServer, "baseUrl" | "apiKey" | "seeded" | "storage">;

declare module "vitest" {
  export interface ProvidedContext {
    lumlDevServer: ProvidedDevServer;
    lumlDevServerOptions: DevServerOptions;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const options = project.getProvidedContext().lumlDevServerOptions ?? {};
  const server = await startDevServer(options);
  const { baseUrl, apiKey, seeded, storage } = server;
  project.provide("lumlDevServer", { baseUrl, apiKey, seeded, storage });
  return () => server.stop();
}
