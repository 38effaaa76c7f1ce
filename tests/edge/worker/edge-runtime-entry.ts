/**
 * The app as a Vercel Edge function in edge-runtime: a script that answers `fetch`
 * events. The dev server's address and key come from `process.env`, which Vercel
 * Edge provides (the host puts only those variables there).
 */
import { readTestEnvironment } from "../../runtime/suite/test-environment.ts";
import { createEdgeApp } from "./edge-app.ts";

/** The `fetch` event of a service-worker style script. */
interface FetchEvent extends Event {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
  waitUntil(promise: Promise<unknown>): void;
}

declare const process: { env: Record<string, string | undefined> };

const app = createEdgeApp(
  "edge-runtime",
  readTestEnvironment((name) => process.env[name]),
);

addEventListener("fetch", (event) => {
  const fetchEvent = event as FetchEvent;
  fetchEvent.respondWith(
    app.handle(fetchEvent.request, (promise) => fetchEvent.waitUntil(promise)),
  );
});
