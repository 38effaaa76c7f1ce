/// <reference types="node" />
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { startJsonServer } from "../../test/support/json-server";
import { LumlClient } from "../client";
import { APIResponseValidationError } from "./api-errors";

const apiKey = "dfs_CANARY_response_validation_7788";

/** Every way an error is commonly printed or logged. */
function renderings(error: Error): string[] {
  return [error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: 30 })];
}

describe("a 200 reply of the wrong shape that echoes the request (a wrong base URL)", () => {
  it.each([
    ["as JSON", (headers: unknown) => ({ json: { headers } })],
    ["as text", (headers: unknown) => ({ text: `echo: ${JSON.stringify(headers)}` })],
  ])("keeps the API key out of the error, %s", async (_as, reply) => {
    const echo = await startJsonServer({
      "GET /v1/users/me/organizations": (_url, request) => reply(request.headers),
    });
    try {
      const luml = new LumlClient({ apiKey, baseUrl: echo.baseUrl, maxRetries: 0 });
      const error = await luml.organizations.list().then(
        () => new Error("the reply was accepted"),
        (caught: Error) => caught,
      );
      expect(APIResponseValidationError.isInstance(error)).toBe(true);
      // The server did get the key: the error is where it must not show.
      expect(echo.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
      for (const text of renderings(error)) {
        expect(text).not.toContain(apiKey);
        expect(text).not.toContain("CANARY");
      }
      expect(JSON.stringify(error)).toContain("[redacted]");
    } finally {
      await echo.close();
    }
  });
});
