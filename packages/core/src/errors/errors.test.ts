import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { parseResponse } from "../models/parse-response";
import {
  APIConnectionError,
  APIError,
  APIStatusError,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  FileError,
  FileUploadError,
  IntegrityError,
  InternalServerError,
  LumlError,
  NotFoundError,
  OrbitNotFoundError,
  PermissionDeniedError,
  parseRetryAfter,
  RateLimitError,
  statusErrorFor,
  UnprocessableEntityError,
} from "./index";
import { redactSecrets } from "./redact";

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

  it("marks each instance with every brand of its chain, as other copies of the package check them", () => {
    const error = new NotFoundError({ status: 404 });
    for (const key of [
      "luml.error",
      "luml.error.APIError",
      "luml.error.APIStatusError",
      "luml.error.NotFoundError",
    ]) {
      expect((error as unknown as Record<symbol, unknown>)[Symbol.for(key)]).toBe(true);
    }
    expect(
      (error as unknown as Record<symbol, unknown>)[Symbol.for("luml.error.ConflictError")],
    ).toBeUndefined();
    expect(error.name).toBe("NotFoundError");
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(APIStatusError.isInstance(error)).toBe(true);
    expect(ConflictError.isInstance(error)).toBe(false);
    // Passed on unbound, as a filter or a matcher.
    expect([error, new Error("plain")].filter(NotFoundError.isInstance)).toEqual([error]);
    expect(new OrbitNotFoundError({ requested: "x", available: [] })).toMatchObject({
      name: "OrbitNotFoundError",
      requested: "x",
      message: 'Orbit "x" not found. Available: none.',
    });
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
