import { request as httpRequest, type IncomingHttpHeaders } from "node:http";

/** What a raw request got back. */
export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Sends one request with node:http and its `path` exactly as given: unlike
 * fetch, nothing normalises `..` segments or re-encodes the path.
 */
export function rawRequest(
  origin: string,
  options: { method: string; path: string; headers?: Record<string, string>; body?: Uint8Array },
): Promise<RawReply> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: hostname,
        port: Number(port),
        method: options.method,
        path: options.path,
        headers: {
          ...options.headers,
          "content-length": String(options.body?.length ?? 0),
        },
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

/** The path and query of a URL exactly as written (no `..` resolution), for {@link rawRequest}. */
export function rawPathOf(url: string): string {
  const afterScheme = url.indexOf("//") + 2;
  return url.slice(url.indexOf("/", afterScheme));
}
