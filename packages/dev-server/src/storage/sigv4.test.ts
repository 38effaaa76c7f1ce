import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import { verifyPresignedRequest } from "./sigv4";

const credentials = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
};

async function presign(key: string, expiresIn = 300): Promise<URL> {
  const client = new S3Client({
    endpoint: "http://127.0.0.1:9999",
    region: credentials.region,
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: "WHEN_REQUIRED",
  });
  const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: "bucket", Key: key }), {
    expiresIn,
  });
  client.destroy();
  return new URL(url);
}

const check = (url: URL, method = "PUT", now?: number) =>
  verifyPresignedRequest(
    { method, url: `${url.pathname}${url.search}`, headers: { host: url.host } },
    credentials,
    now,
  );

describe("verifyPresignedRequest", () => {
  it("accepts what the AWS SDK signs, also with the query reordered and special characters in the key", async () => {
    const url = await presign("orbit-1/collection-2/abc-my model (v2)+ü.fnnx");
    expect(check(url)).toBeUndefined();
    const reordered = new URL(url);
    reordered.search = `?${url.search.slice(1).split("&").reverse().join("&")}`;
    expect(check(reordered)).toBeUndefined();
  });

  it("refuses another method, host, key, secret or an expired URL", async () => {
    const url = await presign("a/b.fnnx", 60);
    expect(check(url, "GET")?.code).toBe("SignatureDoesNotMatch");
    expect(
      verifyPresignedRequest(
        { method: "PUT", url: `${url.pathname}${url.search}`, headers: { host: "127.0.0.1:1" } },
        credentials,
      )?.code,
    ).toBe("SignatureDoesNotMatch");
    expect(check(new URL(url.href.replace("b.fnnx", "c.fnnx")))?.code).toBe(
      "SignatureDoesNotMatch",
    );
    expect(
      verifyPresignedRequest(
        { method: "PUT", url: `${url.pathname}${url.search}`, headers: { host: url.host } },
        { ...credentials, secretAccessKey: "other" },
      )?.code,
    ).toBe("SignatureDoesNotMatch");
    expect(check(url, "PUT", Date.now() + 61_000)).toEqual({
      code: "AccessDenied",
      message: "Request has expired",
    });
    const otherKey = new URL(url.href.replace("AKIDEXAMPLE", "AKIDOTHER"));
    expect(check(otherKey)?.code).toBe("InvalidAccessKeyId");
  });

  it("never puts the secret in a failure", async () => {
    const url = await presign("a/b.fnnx");
    url.searchParams.set("X-Amz-Signature", "0".repeat(64));
    expect(JSON.stringify(check(url))).not.toContain(credentials.secretAccessKey);
  });
});
