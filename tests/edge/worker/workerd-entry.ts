/**
 * The app as a Cloudflare Worker (ES module syntax). The dev server's address and
 * key come in as the Worker's bindings, as a deployed Worker's secrets would.
 */
import { readTestEnvironment } from "../../runtime/suite/test-environment.ts";
import { createEdgeApp } from "./edge-app.ts";

/** What workerd passes a module Worker's `fetch` besides the request. */
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

export default {
  fetch(
    request: Request,
    bindings: Record<string, string | undefined>,
    context: ExecutionContext,
  ): Promise<Response> {
    const app = createEdgeApp(
      "workerd",
      readTestEnvironment((name) => bindings[name]),
    );
    return app.handle(request, (promise) => context.waitUntil(promise));
  },
};
