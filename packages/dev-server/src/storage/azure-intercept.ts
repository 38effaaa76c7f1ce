import { randomUUID } from "node:crypto";
import { objectPathProblem } from "./object-path";
import type { ProxyInterceptor } from "./proxy";
import { escapeXml } from "./s3-xml";

/** Azure's reply to a blob name it cannot take, as its REST API words it. */
function invalidResourceName(problem: string) {
  const message = `The specified resource name contains invalid characters: ${problem}.\nRequestId:${randomUUID()}\nTime:${new Date().toISOString()}`;
  return {
    status: 400,
    headers: { "Content-Type": "application/xml", "x-ms-error-code": "InvalidResourceName" },
    body: `<?xml version="1.0" encoding="utf-8"?><Error><Code>InvalidResourceName</Code><Message>${escapeXml(message)}</Message></Error>`,
  };
}

/**
 * The Azure proxy's check: a path whose decoded blob name has `.`/`..`
 * segments or control characters is refused with 400 before azurite sees it,
 * as the S3 proxy does (see {@link objectPathProblem}). Azurite checks the SAS.
 */
export function createAzureInterceptor(): ProxyInterceptor {
  return async (request) => {
    const url = request.url ?? "/";
    const problem = objectPathProblem(url.split("?")[0] ?? "/", true);
    return problem ? invalidResourceName(problem) : { path: url };
  };
}
