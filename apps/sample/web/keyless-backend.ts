/**
 * The default mode: the page holds no API key. The demo's server (which holds it)
 * lists, begins and completes uploads, streams verified downloads and deletes; the
 * page prepares each file and sends its bytes straight to storage.
 */
import { prepareUpload, sendUpload, type UploadPlan } from "@luml/browser";
import type { Artifact, Backend } from "./backend.ts";

/** The calls for one orbit, through the demo server's `/api/…`. */
export function keylessBackend(orbit: string): Backend {
  const inOrbit = (path: string, query: Record<string, string> = {}) =>
    `${path}?${new URLSearchParams({ orbit, ...query })}`;
  return {
    list: (sortBy, order) => call<Artifact[]>("GET", inOrbit("/api/artifacts", { sortBy, order })),
    async upload(file, onProgress, signal) {
      const prepared = await prepareUpload(file, { onProgress, signal });
      // Not cut short by `signal`: once asked, the record may exist, and is marked below.
      const plan = await call<UploadPlan>("POST", inOrbit("/api/uploads"), { prepared });
      try {
        signal.throwIfAborted();
        const sent = await sendUpload(file, plan, { onProgress, signal });
        return await call<Artifact>("POST", `/api/uploads/${plan.artifactId}/complete`, sent);
      } catch (error) {
        // The record exists: report the failure so it is marked upload_failed.
        const marked = await call("POST", `/api/uploads/${plan.artifactId}/abort`, {}).then(
          () => true,
          () => false,
        );
        if (!marked || signal.aborted || !(error instanceof Error)) throw error;
        // The SDK's advice to have the server mark the record is done: say so instead.
        const reason = error.message.replace(
          /\s*The artifact \S+ is still pending_upload:.*$/s,
          "",
        );
        throw new Error(`${reason} Its record is marked upload_failed.`, { cause: error });
      }
    },
    async download(artifact, onProgress) {
      const response = await fetch(inOrbit(`/api/artifacts/${artifact.id}/file`));
      if (!response.ok || !response.body) throw new Error(await errorOf(response));
      // The server checks the sha256 as it streams: a mismatch cuts the body short,
      // which fails this read instead of ending it.
      const chunks: Uint8Array[] = [];
      let loaded = 0;
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.byteLength;
        onProgress({ phase: "downloading", loaded, total: artifact.size });
      }
      if (loaded !== artifact.size) throw new Error(`The download stopped at byte ${loaded}`);
      return new Blob(chunks as Uint8Array<ArrayBuffer>[]);
    },
    async remove(artifact) {
      await call("DELETE", inOrbit(`/api/artifacts/${artifact.id}`));
    },
  };
}

/** A JSON call to the demo server; a refusal becomes an error with its message. */
async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(await errorOf(response));
  return (response.status === 204 ? undefined : await response.json()) as T;
}

async function errorOf(response: Response): Promise<string> {
  const reply = (await response.json().catch(() => ({}))) as { error?: string };
  return reply.error ?? `The server answered ${response.status}`;
}
