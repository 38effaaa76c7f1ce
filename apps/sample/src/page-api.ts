/**
 * The demo server's API for the page, which holds no key: this process holds it and
 * answers the page's few questions, one client per orbit.
 *
 *   GET    /api/artifacts?orbit=&sortBy=&order=   the collection's artifacts
 *   POST   /api/uploads?orbit=        { prepared } the plan (artifacts.beginUpload)
 *   POST   /api/uploads/:id/complete  SentUpload   the uploaded artifact
 *   POST   /api/uploads/:id/abort                  the artifact, upload_failed
 *   GET    /api/artifacts/:id/file?orbit=          the file, verified as it streams
 *   DELETE /api/artifacts/:id?orbit=               the artifact and its stored file
 *
 * The page sends a file's bytes straight to storage; they never pass through here.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import {
  FileError,
  FileUploadError,
  InvalidArgumentError,
  LumlClient,
  LumlError,
  NotFoundError,
} from "@luml/node";
import type { LumlConnection } from "./page-config.ts";

/** Answers `/api/…`; calls `next` for anything else. */
export type PageApi = (
  request: IncomingMessage,
  response: ServerResponse,
  next: () => void,
) => Promise<void>;

/** The largest JSON body accepted: a prepared upload's file index grows with the archive. */
const maxBodyBytes = 16 * 1024 * 1024;

/** Creates the API for `connection`'s orbits. */
export function createPageApi(connection: LumlConnection): PageApi {
  const clients = new Map<string, Promise<LumlClient>>();
  /** Uploads begun here and not finished: artifact id → its orbit and collection. */
  const begun = new Map<string, { orbit: string; collectionId: string }>();

  const clientFor = (orbit: string | null): Promise<LumlClient> => {
    if (orbit === null || !connection.orbits.includes(orbit)) {
      throw new HttpError(400, `Unknown orbit ${JSON.stringify(orbit)}`);
    }
    let client = clients.get(orbit);
    if (!client) {
      client = LumlClient.create({
        apiKey: connection.apiKey,
        baseUrl: connection.baseUrl,
        organization: connection.organization,
        orbit,
        collection: connection.collection,
      });
      // A failed lookup is retried on the next request instead of being kept.
      client.catch(() => clients.delete(orbit));
      clients.set(orbit, client);
    }
    return client;
  };

  const routes = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const orbit = url.searchParams.get("orbit");
    const method = request.method ?? "GET";
    const path = url.pathname;
    let match: RegExpExecArray | null;
    if (method === "GET" && path === "/api/artifacts") {
      const luml = await clientFor(orbit);
      const page = await luml.artifacts.list({
        sortBy: url.searchParams.get("sortBy") ?? undefined,
        order: (url.searchParams.get("order") ?? undefined) as "asc" | "desc" | undefined,
        limit: 100,
      });
      return json(response, 200, page.items);
    }
    if (method === "POST" && path === "/api/uploads") {
      const luml = await clientFor(orbit);
      const body = await readJson(request);
      const plan = await luml.artifacts.beginUpload(body?.prepared);
      begun.set(plan.artifactId, { orbit: orbit as string, collectionId: plan.collectionId });
      return json(response, 200, plan);
    }
    match = /^\/api\/uploads\/([^/]+)\/(complete|abort)$/.exec(path);
    if (method === "POST" && match) {
      const [, artifactId = "", action] = match;
      const upload = begun.get(artifactId);
      if (!upload) throw new HttpError(404, "No upload under way with this id");
      const luml = await clientFor(upload.orbit);
      const body = await readJson(request);
      const artifact =
        action === "complete"
          ? await luml.artifacts.completeUpload({
              ...body,
              artifactId,
              collectionId: upload.collectionId,
            })
          : await luml.artifacts.abortUpload({ artifactId, collectionId: upload.collectionId });
      begun.delete(artifactId);
      return json(response, 200, artifact);
    }
    match = /^\/api\/artifacts\/([^/]+)\/file$/.exec(path);
    if (method === "GET" && match) {
      const luml = await clientFor(orbit);
      const artifact = await luml.artifacts.get(match[1] ?? "");
      if (!artifact) throw new HttpError(404, "No such artifact in this collection");
      if (artifact.status === "pending_upload" || artifact.status === "upload_failed") {
        throw new HttpError(409, `${artifact.file_name} is ${artifact.status}: there is no file`);
      }
      // The SDK writes into the stream in order and closes it only once the sha256
      // matched; on a mismatch it errors the stream, which cuts the page's download.
      const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
      luml.artifacts.download(artifact.id, { to: writable }).catch(() => {});
      response.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-length": String(artifact.size),
        "cache-control": "no-store",
      });
      Readable.fromWeb(readable as NodeReadableStream<Uint8Array>)
        .on("error", () => response.destroy())
        .pipe(response);
      return;
    }
    match = /^\/api\/artifacts\/([^/]+)$/.exec(path);
    if (method === "DELETE" && match) {
      const luml = await clientFor(orbit);
      await luml.artifacts.delete(match[1] ?? "");
      response.writeHead(204).end();
      return;
    }
    throw new HttpError(404, `No route ${method} ${path}`);
  };

  return async (request, response, next) => {
    const url = new URL(request.url ?? "/", "http://page");
    if (!url.pathname.startsWith("/api/")) return next();
    try {
      if (
        request.method === "POST" &&
        !/^application\/json\b/i.test(request.headers["content-type"] ?? "")
      ) {
        // A cross-site form cannot send JSON without a preflight this server never grants.
        throw new HttpError(415, "Send JSON (Content-Type: application/json)");
      }
      await routes(request, response, url);
    } catch (error) {
      const [status, message] = describeFailure(error);
      if (response.headersSent) response.destroy();
      else json(response, status, { error: message });
    }
  };
}

/** A refusal with its HTTP status. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A status and a message for the page; the SDK's messages never carry the key. */
function describeFailure(error: unknown): [number, string] {
  if (error instanceof HttpError) return [error.status, error.message];
  if (InvalidArgumentError.isInstance(error)) return [400, error.message];
  if (NotFoundError.isInstance(error)) return [404, error.message];
  if (FileUploadError.isInstance(error)) return [409, error.message];
  if (FileError.isInstance(error)) return [400, error.message];
  if (LumlError.isInstance(error)) return [502, error.message];
  if (error instanceof SyntaxError) return [400, "The body is not valid JSON"];
  console.error(error);
  return [500, "The request failed on the server"];
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    "cache-control": "no-store",
  });
  response.end(text);
}

// biome-ignore lint/suspicious/noExplicitAny: the page's JSON, checked by the SDK call it goes to.
async function readJson(request: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes)
      throw new HttpError(413, `The body is larger than ${maxBodyBytes} bytes`);
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}
