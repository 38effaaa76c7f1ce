/**
 * Registers an edge runtime's tests with vitest, in Node: the worker is bundled and
 * started in the runtime, each in-runtime case (the behaviour suite with `@luml/core`,
 * then the edge cases) runs there as its own test, and the rest cross the boundary
 * a Worker's caller crosses: an upload sent as a request body, a file streamed back
 * as a response body, a corrupted one that must reach the caller as an error.
 */
import { afterAll, describe, expect, it } from "vitest";
import { devFaults } from "../runtime/suite/dev-faults.ts";
import { buildModelArchive, sha256Hex } from "../runtime/suite/tar-archive.ts";
import { readTestEnvironment, type TestEnvironment } from "../runtime/suite/test-environment.ts";

/** A worker running in its runtime. */
export interface EdgeHost {
  /** Where it answers over HTTP. */
  url: string;
  /**
   * Its Response as the platform in front of it receives it. workerd answers HTTP
   * itself, so this is `fetch`. edge-runtime's own HTTP server drops `Content-Length`
   * and ends a response whose body errored as if it were complete, so no caller
   * over it could tell; this is its `dispatchFetch`, the Response itself.
   */
  platformFetch(url: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** How to run the worker in one runtime. */
export interface EdgeRuntimeUnderTest {
  /** `workerd` or `edge-runtime`. */
  name: string;
  /** Bundles the worker for the runtime and starts it against `environment`. */
  start(environment: TestEnvironment): Promise<EdgeHost>;
  /** Whether the runtime keeps a response's `Content-Length` (edge-runtime removes it). */
  keepsContentLength: boolean;
}

const mebibyte = 1024 * 1024;
/** Above the dev server's 6 MiB multipart threshold: the upload goes in parts. */
const multipartOpsSize = 7 * mebibyte + 12_345;

/** What the worker answers for an artifact. */
interface WorkerArtifact {
  id: string;
  name: string;
  status: string;
  size: number;
  file_hash: string;
}

/** Registers the tests of `runtime`; call at the top level of its test file. */
export async function defineEdgeTests(runtime: EdgeRuntimeUnderTest): Promise<void> {
  const environment = readTestEnvironment((name) => process.env[name]);
  const host = await runtime.start(environment);
  afterAll(() => host.close());
  const names = (await (await fetch(`${host.url}/cases`)).json()) as string[];

  describe(`${runtime.name}: the suite inside the runtime`, () => {
    it("the worker holds the behaviour suite and the edge cases, for both storages", () => {
      for (const storage of ["s3", "azure"]) {
        expect(names).toContain(
          `${storage}: uploads a multipart archive, lists, gets, downloads, deletes`,
        );
        expect(names).toContain(
          `${storage}: a corrupted downloadStream errors its stream and rejects done`,
        );
      }
    });

    for (const name of names) {
      it(name, async () => {
        const response = await fetch(`${host.url}/cases/run`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name }),
        });
        const result = (await response.json()) as { ok: boolean; error?: string };
        if (!result.ok) throw new Error(`in ${runtime.name}: ${result.error}`);
      });
    }
  });

  describe(`${runtime.name}: a worker's caller`, () => {
    for (const storage of ["s3", "azure"] as const) {
      const worker = new WorkerClient(host.url, storage, fetch);
      const platform = new WorkerClient(host.url, storage, host.platformFetch);

      it(`${storage}: a request body uploaded as a File, found, streamed back as a Response, deleted`, async () => {
        const archive = await makeArchive(runtime.name, storage, "caller");
        const artifact = await worker.upload(archive);
        expect(artifact).toMatchObject({
          name: archive.name,
          status: "uploaded",
          size: archive.bytes.byteLength,
          file_hash: archive.hash,
        });
        expect((await worker.search(archive.name)).map((listed) => listed.id)).toEqual([
          artifact.id,
        ]);
        expect((await worker.get(archive.name))?.id).toBe(artifact.id);

        const response = await worker.file(artifact.id);
        expect(response.status).toBe(200);
        expect(response.headers.get("x-file-hash")).toBe(archive.hash);
        if (runtime.keepsContentLength) {
          expect(response.headers.get("content-length")).toBe(String(archive.bytes.byteLength));
        }
        const bytes = new Uint8Array(await response.arrayBuffer());
        expect(bytes.byteLength).toBe(archive.bytes.byteLength);
        expect(await sha256Hex(bytes)).toBe(archive.hash);

        await worker.delete(artifact.id);
        expect(await worker.get(artifact.id)).toBeNull();
      });

      it(`${storage}: a corrupted file streamed as a Response reaches the caller as an error, not a clean end`, async () => {
        const archive = await makeArchive(runtime.name, storage, "corrupt");
        const artifact = await worker.upload(archive);
        const faults = devFaults(environment.baseUrl);
        const rule = await faults.add({
          target: storage,
          method: "GET",
          path: ".",
          times: 1_000,
          action: { corrupt: true },
        });
        try {
          const response = await platform.file(artifact.id);
          expect(response.status).toBe(200);
          // How the body ended: an error (from whichever realm threw it) or a clean end.
          const ending = await response.arrayBuffer().then(
            (buffer) => `a clean end after ${buffer.byteLength} bytes`,
            () => "an error",
          );
          expect((await faults.get(rule)).fired).toBeGreaterThan(0);
          expect(ending).toBe("an error");
        } finally {
          await faults.clear();
          await worker.delete(artifact.id);
        }
      });
    }
  });
}

/** A fresh archive with a name scoped to the runtime, storage and case. */
async function makeArchive(runtime: string, storage: string, label: string) {
  const suffix = Math.random().toString(36).slice(2, 8);
  const name = `edge-${runtime.replace(/[^a-z0-9]+/gi, "")}-${storage}-${label}-${suffix}`;
  const bytes = buildModelArchive(multipartOpsSize, { F1: 0.7 });
  return { name, fileName: `${name}.fnnx`, bytes, hash: await sha256Hex(bytes) };
}

/** The worker's routes, as a caller of the worker uses them. */
class WorkerClient {
  readonly #url: string;
  readonly #storage: string;
  readonly #fetch: EdgeHost["platformFetch"];

  constructor(url: string, storage: string, fetchResponse: EdgeHost["platformFetch"]) {
    this.#url = url;
    this.#storage = storage;
    this.#fetch = fetchResponse;
  }

  async upload(archive: { name: string; fileName: string; bytes: Uint8Array }) {
    const query = new URLSearchParams({ name: archive.name, file: archive.fileName });
    const response = await this.#send("POST", "/artifacts", query, archive.bytes);
    return (await this.#json(response, 201)) as WorkerArtifact;
  }

  async search(text: string): Promise<WorkerArtifact[]> {
    const response = await this.#send("GET", "/artifacts", new URLSearchParams({ search: text }));
    return ((await this.#json(response, 200)) as { items: WorkerArtifact[] }).items;
  }

  async get(idOrName: string): Promise<WorkerArtifact | null> {
    const response = await this.#send("GET", `/artifacts/${encodeURIComponent(idOrName)}`);
    if (response.status === 404) return (await response.json()) as null;
    return (await this.#json(response, 200)) as WorkerArtifact;
  }

  file(id: string): Promise<Response> {
    return this.#send("GET", `/artifacts/${encodeURIComponent(id)}/file`);
  }

  async delete(id: string): Promise<void> {
    const response = await this.#send("DELETE", `/artifacts/${encodeURIComponent(id)}`);
    if (response.status !== 204)
      throw new Error(`DELETE: ${response.status} ${await response.text()}`);
  }

  #send(method: string, path: string, query = new URLSearchParams(), body?: Uint8Array) {
    query.set("storage", this.#storage);
    return this.#fetch(`${this.#url}${path}?${query}`, {
      method,
      body: body as Uint8Array<ArrayBuffer> | undefined,
      headers: body ? { "content-type": "application/octet-stream" } : undefined,
    });
  }

  async #json(response: Response, status: number): Promise<unknown> {
    const text = await response.text();
    if (response.status !== status)
      throw new Error(`expected ${status}, got ${response.status}: ${text}`);
    return JSON.parse(text);
  }
}
