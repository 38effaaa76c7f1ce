import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** The credentials and scope presigned S3 URLs are checked against. */
export interface SigV4Credentials {
  /** Access key id the URLs must carry. */
  accessKeyId: string;
  /** Secret the signatures are recomputed with; never echoed in any reply. */
  secretAccessKey: string;
  /** Region the credential scope must name. */
  region: string;
}

/** Why a presigned request was refused, in S3's own terms. */
export interface SigV4Failure {
  /** The S3 error code (`AccessDenied`, `SignatureDoesNotMatch`, `InvalidAccessKeyId`, `AuthorizationQueryParametersError`). */
  code: string;
  /** A human-readable reason. */
  message: string;
}

/** A request as the proxy sees it: method, raw path + query, and headers. */
export interface SigV4Request {
  /** HTTP method, upper case. */
  method: string;
  /** The raw (still percent-encoded) path and query of the request line. */
  url: string;
  /** Request headers, lower-case names. */
  headers: Record<string, string | string[] | undefined>;
}

const ALGORITHM = "AWS4-HMAC-SHA256";
const MAX_EXPIRES_SECONDS = 604_800;

/** Encodes as SigV4 wants: everything but unreserved characters is percent-encoded. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Splits a raw query string into decoded name/value pairs, keeping their order. */
export function parseRawQuery(rawQuery: string): Array<[string, string]> {
  if (rawQuery === "") return [];
  return rawQuery.split("&").map((pair) => {
    const separator = pair.indexOf("=");
    const name = separator === -1 ? pair : pair.slice(0, separator);
    const value = separator === -1 ? "" : pair.slice(separator + 1);
    return [safeDecode(name), safeDecode(value)];
  });
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A malformed escape is signed as it came; the signature check then decides.
    return value;
  }
}

function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

function hmac(key: Buffer | string, value: string): Buffer {
  return createHmac("sha256", key).update(value, "utf8").digest();
}

/** Parses `YYYYMMDDTHHMMSSZ` into epoch milliseconds, or `undefined` when malformed. */
function parseAmzDate(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return Date.UTC(year as number, (month as number) - 1, day, hour, minute, second);
}

function canonicalUri(rawPath: string): string {
  // S3 signs the path encoded exactly once, segment by segment.
  return rawPath
    .split("/")
    .map((segment) => encodeRfc3986(safeDecode(segment)))
    .join("/");
}

function canonicalQuery(pairs: Array<[string, string]>): string {
  return pairs
    .filter(([name]) => name !== "X-Amz-Signature")
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
    .sort(([nameA, valueA], [nameB, valueB]) =>
      nameA < nameB ? -1 : nameA > nameB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0,
    )
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

function headerValue(headers: SigV4Request["headers"], name: string): string {
  const value = headers[name];
  const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
  return joined.trim().replace(/\s+/g, " ");
}

/**
 * Checks a SigV4 query-string-signed (presigned) request the way S3 does: the
 * algorithm, credential scope, expiry window and the signature recomputed from
 * the canonical request. Returns `undefined` when the request is authentic.
 */
export function verifyPresignedRequest(
  request: SigV4Request,
  credentials: SigV4Credentials,
  now: number = Date.now(),
): SigV4Failure | undefined {
  const queryStart = request.url.indexOf("?");
  const rawPath = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const pairs = parseRawQuery(queryStart === -1 ? "" : request.url.slice(queryStart + 1));
  const query = new Map(pairs);

  const algorithm = query.get("X-Amz-Algorithm");
  const credential = query.get("X-Amz-Credential");
  const amzDate = query.get("X-Amz-Date");
  const expires = query.get("X-Amz-Expires");
  const signedHeaders = query.get("X-Amz-SignedHeaders");
  const signature = query.get("X-Amz-Signature");
  if (!algorithm && !signature && !credential) {
    return { code: "AccessDenied", message: "Access Denied" };
  }
  if (
    algorithm !== ALGORITHM ||
    !credential ||
    !amzDate ||
    !expires ||
    !signedHeaders ||
    !signature
  ) {
    return {
      code: "AuthorizationQueryParametersError",
      message:
        "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
    };
  }

  const [accessKeyId, scopeDate, region, service, terminator, ...extra] = credential.split("/");
  if (accessKeyId !== credentials.accessKeyId) {
    return {
      code: "InvalidAccessKeyId",
      message: "The AWS Access Key Id you provided does not exist in our records.",
    };
  }
  if (
    extra.length > 0 ||
    service !== "s3" ||
    terminator !== "aws4_request" ||
    region !== credentials.region
  ) {
    return {
      code: "AuthorizationQueryParametersError",
      message: "Error parsing the X-Amz-Credential parameter.",
    };
  }

  const signedAt = parseAmzDate(amzDate);
  const lifetime = Number(expires);
  if (signedAt === undefined || scopeDate !== amzDate.slice(0, 8)) {
    return {
      code: "AuthorizationQueryParametersError",
      message: "X-Amz-Date must be in the ISO8601 Long Format and match the credential scope.",
    };
  }
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_EXPIRES_SECONDS) {
    return {
      code: "AuthorizationQueryParametersError",
      message: "X-Amz-Expires must be between 1 and 604800 seconds.",
    };
  }
  if (now > signedAt + lifetime * 1000) {
    return { code: "AccessDenied", message: "Request has expired" };
  }
  if (now < signedAt - 15 * 60 * 1000) {
    return { code: "AccessDenied", message: "Request is not valid yet" };
  }

  const headerNames = signedHeaders.split(";");
  if (!headerNames.includes("host")) {
    return {
      code: "AuthorizationQueryParametersError",
      message: "X-Amz-SignedHeaders must include host.",
    };
  }
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(rawPath),
    canonicalQuery(pairs),
    headerNames.map((name) => `${name}:${headerValue(request.headers, name)}\n`).join(""),
    signedHeaders,
    query.get("X-Amz-Content-Sha256") ?? "UNSIGNED-PAYLOAD",
  ].join("\n");
  const scope = `${scopeDate}/${region}/s3/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, scopeDate), region), "s3"),
    "aws4_request",
  );
  const expected = createHmac("sha256", signingKey).update(stringToSign, "utf8").digest();
  const given = Buffer.from(signature, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      code: "SignatureDoesNotMatch",
      message:
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    };
  }
  return undefined;
}
