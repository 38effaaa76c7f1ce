/// <reference types="node" />
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { type ReceivedRequest, startJsonServer } from "../../test/support/json-server";
import { LumlClient } from "../client";
import {
  APIResponseValidationError,
  AuthenticationError,
  OrganizationNotFoundError,
  PermissionDeniedError,
} from "./index";

// Not shaped like the keys the service issues (`dfs_…`): no pattern can catch it,
// only the client knowing its own key.
const apiKey = "luml_CANARY_unpatterned_key_5151";

/** The key a request carried, as a server that echoes the request would quote it. */
function echoedKey(request: ReceivedRequest): string {
  return String(request.headers.authorization ?? "").replace(/^Bearer /, "");
}

/** Every way an error is commonly printed, logged or serialised. */
function renderings(error: Error): string[] {
  return [String(error), String(error.stack), JSON.stringify(error), inspect(error, { depth: 10 })];
}

/** The error `call` rejects with (a resolved call is an error of its own). */
async function failureOf(call: Promise<unknown>): Promise<Error> {
  return call.then(
    () => new Error("the reply was accepted"),
    (caught: Error) => caught,
  );
}

function expectNoKey(error: Error): void {
  for (const text of renderings(error)) expect(text.toLowerCase()).not.toContain("canary");
}

describe("an API key not shaped like dfs_…, echoed back by the server", () => {
  it("is kept out of a status error's headers, body and message", async () => {
    const echo = await startJsonServer({
      "GET /v1/users/me/organizations": (_url, request) => {
        const key = echoedKey(request);
        return {
          status: 403,
          headers: {
            "x-echo-token": key,
            "x-echo-phrase": `token ${key}`,
            // A header's name, lower-cased on the way: the key in it, lower-cased too.
            [`x-seen-${key}`]: "1",
            location: `/x?key=${key}`,
          },
          json: { detail: `Not enough rights for ${key}`, [key]: key },
        };
      },
    });
    try {
      const luml = new LumlClient({ apiKey, baseUrl: echo.baseUrl, maxRetries: 0 });
      const error = await failureOf(luml.organizations.list());
      expect(PermissionDeniedError.isInstance(error)).toBe(true);
      // The server did get the key: the error is where it must not show.
      expect(echo.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
      expectNoKey(error);
      expect((error as PermissionDeniedError).headers["x-echo-token"]).toBe("[redacted]");
    } finally {
      await echo.close();
    }
  });

  it("is kept out URL-encoded, as a redirect built from the request quotes it", async () => {
    const slashedKey = "CANARY/with+base64=chars==";
    const echo = await startJsonServer({
      "GET /v1/users/me/organizations": (_url, request) => {
        const encoded = encodeURIComponent(echoedKey(request));
        return {
          status: 401,
          headers: { location: `/login?next=%2F&key=${encoded}` },
          json: { detail: `Unknown key ${encoded}` },
        };
      },
    });
    try {
      const luml = new LumlClient({ apiKey: slashedKey, baseUrl: echo.baseUrl, maxRetries: 0 });
      const error = await failureOf(luml.organizations.list());
      expect(AuthenticationError.isInstance(error)).toBe(true);
      expectNoKey(error);
      expect((error as AuthenticationError).headers.location).toBe(
        "/login?next=%2F&key=[redacted]",
      );
    } finally {
      await echo.close();
    }
  });

  it("is kept out of a validation error's value and issues", async () => {
    const echo = await startJsonServer({
      "GET /v1/users/me/organizations": (_url, request) => {
        const key = echoedKey(request);
        return { json: [{ id: 5, name: key, token: key, [key]: key }] };
      },
    });
    try {
      const luml = new LumlClient({ apiKey, baseUrl: echo.baseUrl, maxRetries: 0 });
      const error = await failureOf(luml.organizations.list());
      expect(APIResponseValidationError.isInstance(error)).toBe(true);
      expectNoKey(error);
      expect(JSON.stringify((error as APIResponseValidationError).value)).toContain("[redacted]");
    } finally {
      await echo.close();
    }
  });

  it("is kept out of an error built later from a well-shaped reply", async () => {
    const echo = await startJsonServer({
      "GET /v1/users/me/organizations": (_url, request) => ({
        json: [{ id: "org-1", name: echoedKey(request), created_at: "2026-01-01T00:00:00Z" }],
      }),
    });
    try {
      const luml = new LumlClient({ apiKey, baseUrl: echo.baseUrl, maxRetries: 0 });
      const error = await failureOf(luml.organizations.get("Some Org"));
      expect(OrganizationNotFoundError.isInstance(error)).toBe(true);
      expectNoKey(error);
    } finally {
      await echo.close();
    }
  });
});
