// @ts-check
/**
 * The three routes a page needs to upload an artifact without ever holding the API
 * key: begin, complete, abort. This server holds the key (through `luml`); the page
 * only prepares the file and sends its bytes to the presigned URLs of the plan.
 *
 *   POST /uploads                 { prepared }    → the UploadPlan
 *   POST /uploads/:id/complete    SentUpload      → the uploaded artifact
 *   POST /uploads/:id/abort       {}              → the artifact, upload_failed
 *
 * Everything the page posts is untrusted: `beginUpload` checks the prepared fields
 * and uses only them; `completeUpload` takes no URL from the page and re-reads the
 * record, its object and its bucket from the API. What this file adds is the one
 * thing the SDK cannot know: which uploads this server began (in a real app, which
 * user began them), so nobody can complete or abort someone else's.
 */
import { FileError, FileUploadError, InvalidArgumentError, LumlError } from "@luml/node";

/** @typedef {import("node:http").IncomingMessage} IncomingMessage */
/** @typedef {import("node:http").ServerResponse} ServerResponse */
/** @typedef {import("@luml/node").LumlClient} LumlClient */

/** The largest JSON body accepted: a prepared upload's file index grows with the archive. */
const maxBodyBytes = 16 * 1024 * 1024;

/**
 * Creates the routes. The returned handler answers the routes above and resolves
 * `false` for any other request, so the caller can serve its own.
 *
 * @param {LumlClient} luml - A client holding the API key, with a default collection.
 * @returns {(request: IncomingMessage, response: ServerResponse) => Promise<boolean>}
 */
export function createUploadRoutes(luml) {
  /**
   * Uploads this server began and has not finished: artifact id → its collection.
   * A real app keeps this with the user's session, or in its database.
   * @type {Map<string, string>}
   */
  const begun = new Map();

  return async (request, response) => {
    const url = new URL(request.url ?? "/", "http://server");
    const match = /^\/uploads(?:\/([^/]+)\/(complete|abort))?$/.exec(url.pathname);
    if (!match) return false;
    if (request.method !== "POST") {
      reply(response, 405, { error: "Use POST" });
      return true;
    }
    try {
      // A JSON content type cannot be sent cross-site without a CORS preflight,
      // which this server never grants: another site's form cannot post here.
      if (!/^application\/json\b/i.test(request.headers["content-type"] ?? "")) {
        reply(response, 415, { error: "Send JSON (Content-Type: application/json)" });
        return true;
      }
      const body = await readJson(request);
      const [, artifactId, action] = match;
      if (artifactId === undefined) {
        const plan = await luml.artifacts.beginUpload(body?.prepared);
        begun.set(plan.artifactId, plan.collectionId);
        reply(response, 200, plan);
        return true;
      }
      const collectionId = begun.get(artifactId);
      if (collectionId === undefined) {
        reply(response, 404, { error: "No upload under way with this id" });
        return true;
      }
      if (action === "complete") {
        // The id and collection are this server's, whatever the body says.
        const artifact = await luml.artifacts.completeUpload({
          ...body,
          artifactId,
          collectionId,
        });
        begun.delete(artifactId);
        reply(response, 200, summary(artifact));
      } else {
        const artifact = await luml.artifacts.abortUpload({ artifactId, collectionId });
        begun.delete(artifactId);
        reply(response, 200, summary(artifact));
      }
    } catch (error) {
      const [status, message] = describeFailure(error);
      reply(response, status, { error: message });
    }
    return true;
  };
}

/**
 * What the page is told about an artifact.
 * @param {import("@luml/node").Artifact} artifact
 */
function summary(artifact) {
  const { id, name, file_name, size, status, file_hash } = artifact;
  return { id, name, file_name, size, status, file_hash };
}

/**
 * An HTTP status and a message for the page. The SDK's messages never carry the
 * API key; anything else that failed is not described to the page.
 * @param {unknown} error
 * @returns {[number, string]}
 */
function describeFailure(error) {
  if (InvalidArgumentError.isInstance(error)) return [400, error.message];
  if (FileUploadError.isInstance(error)) return [409, error.message];
  if (FileError.isInstance(error)) return [400, error.message];
  if (LumlError.isInstance(error)) return [502, error.message];
  if (error instanceof SyntaxError) return [400, "The body is not valid JSON"];
  if (error instanceof RangeError) return [413, error.message];
  console.error(error);
  return [500, "The upload failed on the server"];
}

/**
 * @param {ServerResponse} response
 * @param {number} status
 * @param {unknown} body
 */
function reply(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  response.end(text);
}

/**
 * The request's JSON body, refused past `maxBodyBytes`.
 * @param {IncomingMessage} request
 * @returns {Promise<any>}
 */
async function readJson(request) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new RangeError(`The body is larger than ${maxBodyBytes} bytes`);
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}
