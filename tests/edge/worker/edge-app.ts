/**
 * The worker every edge run deploys: a small app on `@luml/core`, as a user's Worker
 * or edge function would be, plus the suite's cases to run inside the runtime.
 *
 *   GET    /cases                          the in-runtime cases' names
 *   POST   /cases/run          {name}      runs one; `{ ok }` or `{ ok: false, error }`
 *   POST   /artifacts?storage&name&file    uploads the request body as a File
 *   GET    /artifacts?storage&search       lists those whose name contains `search`
 *   GET    /artifacts/:idOrName?storage    the record, or 404
 *   GET    /artifacts/:id/file?storage     the verified file, streamed as the body
 *   DELETE /artifacts/:id?storage          deletes it
 *   POST   /blob                           reads the body with `request.blob()`, answers its size
 *
 * `storage` (`s3` or `azure`) picks the dev server's seeded collection.
 */
import { APIStatusError, LumlClient, LumlError } from "@luml/core";
import { defineRuntimeSuite, type RuntimeCase } from "../../runtime/suite/define-runtime-suite.ts";
import type { TestEnvironment } from "../../runtime/suite/test-environment.ts";
import { createEdgeAdapter } from "./edge-adapter.ts";
import { defineEdgeCases } from "./edge-cases.ts";

/** Keeps work going after the response is sent (`ctx.waitUntil`, `event.waitUntil`). */
export type WaitUntil = (promise: Promise<unknown>) => void;

/** The app for `runtime`, talking to the dev server of `environment`. */
export function createEdgeApp(runtime: string, environment: TestEnvironment) {
  const cases: RuntimeCase[] = [
    ...defineRuntimeSuite(createEdgeAdapter(runtime, environment)),
    ...defineEdgeCases(runtime, environment),
  ];

  /** A client whose default collection is the seeded one of `storage`. */
  const clientFor = (url: URL): LumlClient => {
    const storage = url.searchParams.get("storage");
    if (storage !== "s3" && storage !== "azure") throw new RouteError(400, "storage=s3|azure");
    const { seeded } = environment;
    return new LumlClient({
      apiKey: environment.apiKey,
      baseUrl: environment.baseUrl,
      organization: seeded.organization.id,
      orbit: seeded.orbits[storage].id,
      collection: seeded.collections[storage].id,
    });
  };

  async function runCase(request: Request): Promise<Response> {
    const { name } = (await request.json()) as { name: string };
    const found = cases.find((candidate) => candidate.name === name);
    if (!found) throw new RouteError(404, `no case named ${JSON.stringify(name)}`);
    const started = Date.now();
    try {
      await found.run();
      return Response.json({ ok: true, milliseconds: Date.now() - started });
    } catch (error) {
      return Response.json({ ok: false, error: describeError(error) });
    }
  }

  async function upload(request: Request, url: URL): Promise<Response> {
    const fileName = url.searchParams.get("file");
    if (!fileName) throw new RouteError(400, "file=<file name>");
    // What a handler receiving a model does: the request body, whole, as a File.
    const file = new File([await request.blob()], fileName);
    const artifact = await clientFor(url).artifacts.upload(file, {
      name: url.searchParams.get("name") ?? undefined,
    });
    return Response.json(artifact, { status: 201 });
  }

  async function streamFile(id: string, url: URL, waitUntil: WaitUntil): Promise<Response> {
    const { artifact, stream, done } = await clientFor(url).artifacts.downloadStream(id);
    // The stream errors on a mismatch; `done` only has to outlive the response.
    waitUntil(done.catch(() => {}));
    // The length, as core's documentation shows: a caller can then tell a body cut
    // short from a complete one even where the runtime would send it chunked.
    return new Response(stream, {
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(artifact.size),
        "x-file-hash": artifact.file_hash ?? "",
      },
    });
  }

  async function route(request: Request, waitUntil: WaitUntil): Promise<Response> {
    const url = new URL(request.url);
    const [first, id, rest] = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const method = request.method;
    if (first === "cases" && !id && method === "GET") {
      return Response.json(cases.map((listed) => listed.name));
    }
    if (first === "cases" && id === "run" && method === "POST") return runCase(request);
    // What `request.blob()` alone costs, beside an upload of the same body.
    if (first === "blob" && method === "POST") return Response.json((await request.blob()).size);
    if (first !== "artifacts") throw new RouteError(404, `no route ${url.pathname}`);
    if (!id && method === "POST") return upload(request, url);
    if (!id && method === "GET") {
      const search = url.searchParams.get("search") ?? undefined;
      return Response.json(await clientFor(url).artifacts.list({ search, limit: 100 }));
    }
    if (id && rest === "file" && method === "GET") return streamFile(id, url, waitUntil);
    if (id && !rest && method === "GET") {
      const artifact = await clientFor(url).artifacts.get(id);
      return artifact ? Response.json(artifact) : Response.json(null, { status: 404 });
    }
    if (id && !rest && method === "DELETE") {
      await clientFor(url).artifacts.delete(id);
      return new Response(null, { status: 204 });
    }
    throw new RouteError(405, `${method} ${url.pathname}`);
  }

  return {
    /** Answers `request`; a failure becomes a JSON error with its status. */
    async handle(request: Request, waitUntil: WaitUntil): Promise<Response> {
      try {
        return await route(request, waitUntil);
      } catch (error) {
        const status =
          error instanceof RouteError
            ? error.status
            : APIStatusError.isInstance(error)
              ? error.status
              : 500;
        return Response.json({ error: describeError(error) }, { status });
      }
    },
  };
}

/** A request the app cannot serve, with the status to answer. */
class RouteError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** The error as the Node side reports it: its class and message. */
function describeError(error: unknown): string {
  if (error instanceof Error || LumlError.isInstance(error)) {
    const known = error as Error;
    return `${known.name}: ${known.message}`;
  }
  return String(error);
}
