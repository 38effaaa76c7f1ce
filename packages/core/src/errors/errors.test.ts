import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { parseResponse } from "../models/parse-response";
import { APIConnectionError } from "./api-connection-error";
import { APIError } from "./api-error";
import { APIStatusError } from "./api-status-error";
import { APITimeoutError } from "./api-timeout-error";
import { AuthenticationError } from "./authentication-error";
import { BadRequestError } from "./bad-request-error";
import { ConflictError } from "./conflict-error";
import { FileError } from "./file-error";
import { FileUploadError } from "./file-upload-error";
import { IntegrityError } from "./integrity-error";
import { InternalServerError } from "./internal-server-error";
import { LumlError } from "./luml-error";
import { NotFoundError } from "./not-found-error";
import { PermissionDeniedError } from "./permission-denied-error";
import { parseRetryAfter, RateLimitError } from "./rate-limit-error";
import { redactSecrets } from "./redact";
import { statusErrorFor } from "./status-error-for";
import { UnprocessableEntityError } from "./unprocessable-entity-error";

describe("statusErrorFor", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
  ])("maps %i to its class", (status, errorClass) => {
    const error = statusErrorFor(status, { detail: "x" });
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(APIStatusError);
    expect(error.status).toBe(status);
    expect(error.isRetryable).toBe(status === 429 || status >= 500);
  });

  it("falls back to APIStatusError for other statuses", () => {
    const error = statusErrorFor(418, "teapot");
    expect(error.constructor).toBe(APIStatusError);
    expect(error.message).toBe("418 teapot");
  });

  it("renders FastAPI detail lists", () => {
    const error = statusErrorFor(422, {
      detail: [
        { loc: ["body", "file_name"], msg: "string does not match regex", type: "value_error" },
        { loc: ["query", "limit"], msg: "must be at most 100", type: "value_error" },
      ],
    }) as UnprocessableEntityError;
    expect(error.message).toBe(
      "422 body.file_name: string does not match regex; query.limit: must be at most 100",
    );
    expect(error.issues).toHaveLength(2);
  });

  it("reads S3 XML errors and strips presigned query strings and credential headers", () => {
    const error = statusErrorFor(
      403,
      "<Error><Code>SignatureDoesNotMatch</Code><Message>bad</Message></Error>",
      {
        url: "https://s3.example/bucket/key?X-Amz-Signature=abc",
        headers: { authorization: "Bearer dfs_x", "x-amz-request-id": "r1" },
      },
    );
    expect(error.message).toBe("403 SignatureDoesNotMatch: bad");
    expect(error.url).toBe("https://s3.example/bucket/key");
    expect(error.headers.authorization).toBeUndefined();
    expect(error.requestId).toBe("r1");
  });
});

describe("isInstance", () => {
  it("recognises errors by their marker, even from another copy of the package", () => {
    const foreign = Object.assign(new Error("from elsewhere"), {
      [Symbol.for("luml.error")]: true,
      [Symbol.for("luml.error.APIError")]: true,
      [Symbol.for("luml.error.APIConnectionError")]: true,
    });
    expect(LumlError.isInstance(foreign)).toBe(true);
    expect(APIConnectionError.isInstance(foreign)).toBe(true);
    expect(APITimeoutError.isInstance(foreign)).toBe(false);
    expect(LumlError.isInstance(new Error("plain"))).toBe(false);
    expect(LumlError.isInstance(null)).toBe(false);
  });

  it("follows the class hierarchy", () => {
    const timeout = new APITimeoutError({ timeout: 5 });
    expect(APIError.isInstance(timeout)).toBe(true);
    expect(APIConnectionError.isInstance(timeout)).toBe(true);
    expect(APIStatusError.isInstance(timeout)).toBe(false);
    const integrity = new IntegrityError({ expected: "a", actual: "b" });
    expect(FileError.isInstance(integrity)).toBe(true);
    expect(FileUploadError.isInstance(integrity)).toBe(false);
    expect(integrity.code).toBe("integrity");
    const upload = new FileUploadError({ message: "m", artifactId: "id-1" });
    expect(upload).toMatchObject({
      code: "upload_failed",
      artifactId: "id-1",
      name: "FileUploadError",
    });
  });
});

describe("helpers", () => {
  it("parses Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(
      parseRetryAfter("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT")),
    ).toBe(10_000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it("redacts keys and bearer tokens", () => {
    expect(
      redactSecrets("key dfs_abc.DEF-123 and Bearer tok3n, also s3cr3tvalue", ["s3cr3tvalue"]),
    ).toBe("key [redacted] and Bearer [redacted], also [redacted]");
  });

  it("parseResponse throws APIResponseValidationError with the issues", () => {
    const schema = v.looseObject({ id: v.string() });
    expect(parseResponse(schema, { id: "a", extra: 1 })).toEqual({ id: "a", extra: 1 });
    expect(() => parseResponse(schema, { id: 1 })).toThrow(/id: /);
  });
});
