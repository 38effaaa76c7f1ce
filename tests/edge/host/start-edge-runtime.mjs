/**
 * Runs a bundled edge function in Vercel's edge-runtime (a Node VM with only the
 * Edge Runtime's globals, code generation from strings and WebAssembly bytes off),
 * served over real HTTP by its `runServer`.
 */
import { EdgeRuntime, runServer } from "edge-runtime";

/**
 * @typedef {object} RunningEdgeFunction
 * @property {string} url Where the function answers, over real HTTP.
 * @property {(url: string, init?: RequestInit) => Promise<Response>} platformFetch The
 *   function's own Response, as the platform receives it (the runtime's `dispatchFetch`).
 * @property {() => Promise<void>} close Stops the server once pending work ends.
 */

/**
 * Starts `script` (a script that answers `fetch` events) with `environment` as its
 * `process.env`.
 * @param {{ script: string, environment: Record<string, string> }} options
 * @returns {Promise<RunningEdgeFunction>}
 */
export async function startEdgeRuntime({ script, environment }) {
  const runtime = new EdgeRuntime({
    initialCode: script,
    extend(context) {
      // Vercel Edge's `process` holds the environment and nothing of Node.
      context.process = { env: { ...environment } };
      return context;
    },
  });
  const server = await runServer({ runtime, host: "127.0.0.1", port: 0 });
  return {
    url: server.url.replace(/\/$/, ""),
    platformFetch: (url, init) => runtime.dispatchFetch(url, init),
    close: () => server.close(),
  };
}
