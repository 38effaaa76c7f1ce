import type { IncomingMessage } from "node:http";
import { objectPathProblem } from "./object-path";
import type { ProxyForward, ProxyInterceptor, ProxyReply } from "./proxy";
import {
  parseCompleteMultipartUpload,
  renderCompleteMultipartUpload,
  S3ErrorReply as S3Error,
  type S3ErrorReply,
} from "./s3-xml";
import type { S3rverBackend } from "./s3rver-backend";
import { parseRawQuery, type SigV4Credentials, verifyPresignedRequest } from "./sigv4";

/** Options of {@link createS3Interceptor}. */
export interface S3InterceptorOptions {
  /** Credentials presigned URLs must be signed with. */
  credentials: SigV4Credentials;
  /** The emulator, asked about pending uploads and their parts. */
  backend: S3rverBackend;
  /** Smallest size S3 accepts for every part but the last; 0 accepts any size. */
  minPartSize: number;
}

/** Query parameters that only carry the signature and are not forwarded to the emulator. */
const SIGNING_PARAMETERS = new Set([
  "X-Amz-Algorithm",
  "X-Amz-Credential",
  "X-Amz-Date",
  "X-Amz-Expires",
  "X-Amz-SignedHeaders",
  "X-Amz-Signature",
  "X-Amz-Content-Sha256",
  "x-id",
]);
const S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

/** Adds S3's namespace to a result document's root (the emulator leaves it out; S3 clients may look for it). */
function addNamespace(xml: string): string {
  return xml.replace(/<((?!Error\b)[A-Za-z]+Result)>/, `<$1 xmlns="${S3_NAMESPACE}">`);
}

/** The largest CompleteMultipartUpload body accepted (10,000 parts fit easily). */
const MAX_COMPLETE_BODY = 2 * 1024 * 1024;

function errorReply(error: S3ErrorReply, resource: string): ProxyReply {
  return {
    status: error.status,
    headers: { "Content-Type": "application/xml" },
    body: error.toXml(resource),
  };
}

/**
 * Refuses a path, or an `x-amz-copy-source`, that would make s3rver read or
 * write outside its folder (see {@link objectPathProblem}).
 */
function unsafeKey(request: IncomingMessage, resource: string): S3ErrorReply | undefined {
  const pathProblem = objectPathProblem(resource, true);
  if (pathProblem) return new S3Error(400, "InvalidArgument", `Invalid object key: ${pathProblem}`);
  const copySource = request.headers["x-amz-copy-source"];
  if (copySource === undefined) return undefined;
  const copyProblem = objectPathProblem(String(copySource).split("?")[0] ?? "", true);
  if (copyProblem)
    return new S3Error(400, "InvalidArgument", `Invalid x-amz-copy-source: ${copyProblem}`);
  return undefined;
}

/** The path and query without the signing parameters (the emulator need not re-check the signature). */
function unsignedPath(url: string): string {
  const queryStart = url.indexOf("?");
  if (queryStart === -1) return url;
  const kept = url
    .slice(queryStart + 1)
    .split("&")
    .filter((pair) => !SIGNING_PARAMETERS.has(decodeURIComponent(pair.split("=")[0] ?? "")));
  return kept.length === 0
    ? url.slice(0, queryStart)
    : `${url.slice(0, queryStart)}?${kept.join("&")}`;
}

/** The object key of a path-style URL `/bucket/key…`. */
function objectKey(url: string): string {
  const path = url.split("?")[0] ?? "";
  const key = path.split("/").slice(2).join("/");
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

async function checkUpload(
  backend: S3rverBackend,
  uploadId: string,
  key: string,
): Promise<S3ErrorReply | undefined> {
  const uploadKey = await backend.uploadKey(uploadId);
  if (uploadKey === undefined || uploadKey !== key) {
    return new S3Error(
      404,
      "NoSuchUpload",
      "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
    );
  }
  return undefined;
}

async function checkComplete(
  request: IncomingMessage,
  readBody: (limit: number) => Promise<Buffer | undefined>,
  options: S3InterceptorOptions,
  uploadId: string,
): Promise<S3ErrorReply | Buffer> {
  const body = await readBody(MAX_COMPLETE_BODY);
  if (body === undefined)
    return new S3Error(400, "MaxMessageLengthExceeded", "Your request was too big.");
  const notFound = await checkUpload(options.backend, uploadId, objectKey(request.url ?? ""));
  if (notFound) return notFound;
  const parts = parseCompleteMultipartUpload(body.toString("utf8"));
  if (parts instanceof S3Error) return parts;
  const stored = await Promise.all(
    parts.map((part) => options.backend.part(uploadId, part.partNumber)),
  );
  // Every part must exist with its ETag before sizes are judged, as S3 reports it.
  if (parts.some((part, index) => stored[index]?.etag !== part.etag)) {
    return new S3Error(
      400,
      "InvalidPart",
      "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
    );
  }
  if (stored.slice(0, -1).some((part) => (part?.size ?? 0) < options.minPartSize)) {
    return new S3Error(
      400,
      "EntityTooSmall",
      "Your proposed upload is smaller than the minimum allowed object size.",
    );
  }
  return Buffer.from(renderCompleteMultipartUpload(parts), "utf8");
}

/**
 * The S3 proxy's checks: a valid SigV4 presigned signature on every request,
 * part uploads only into existing uploads, and CompleteMultipartUpload bodies
 * validated the way S3 does (so the emulator never sees one it would choke on).
 */
export function createS3Interceptor(options: S3InterceptorOptions): ProxyInterceptor {
  return async (request, readBody): Promise<ProxyReply | ProxyForward> => {
    const url = request.url ?? "/";
    const resource = url.split("?")[0] ?? "/";
    const unsafe = unsafeKey(request, resource);
    if (unsafe) return errorReply(unsafe, resource);
    const failure = verifyPresignedRequest(
      { method: request.method ?? "GET", url, headers: request.headers },
      options.credentials,
    );
    if (failure) {
      const status = failure.code === "AuthorizationQueryParametersError" ? 400 : 403;
      return errorReply(new S3Error(status, failure.code, failure.message), resource);
    }
    // S3 refuses a PUT streamed without a declared length (chunked), as some
    // runtimes send streamed bodies; accepting it here would hide that.
    if (request.method === "PUT" && request.headers["content-length"] === undefined) {
      return errorReply(
        new S3Error(
          411,
          "MissingContentLength",
          "You must provide the Content-Length HTTP header.",
        ),
        resource,
      );
    }
    const query = new Map(parseRawQuery(url.includes("?") ? url.slice(url.indexOf("?") + 1) : ""));
    const uploadId = query.get("uploadId");
    const path = unsignedPath(url);
    if (request.method === "PUT" && uploadId !== undefined && query.has("partNumber")) {
      const partNumber = Number(query.get("partNumber"));
      if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
        return errorReply(
          new S3Error(
            400,
            "InvalidArgument",
            "Part number must be an integer between 1 and 10000, inclusive",
          ),
          resource,
        );
      }
      const notFound = await checkUpload(options.backend, uploadId, objectKey(url));
      return notFound ? errorReply(notFound, resource) : { path };
    }
    if (request.method === "POST" && uploadId !== undefined) {
      const checked = await checkComplete(request, readBody, options, uploadId);
      return checked instanceof S3Error
        ? errorReply(checked, resource)
        : { path, body: checked, rewriteXml: addNamespace };
    }
    if (request.method === "POST" && query.has("uploads"))
      return { path, rewriteXml: addNamespace };
    return { path };
  };
}
