import { describe, expect, it } from "vitest";
import { describeXmlError, escapeXml, isXmlError, readXmlElement } from "./xml";

describe("storage XML", () => {
  it("reads the UploadId of a namespaced S3 reply", () => {
    const reply = `<?xml version="1.0" encoding="UTF-8"?>
<InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Bucket>b</Bucket><Key>k</Key><UploadId>abc-123_&amp;x</UploadId>
</InitiateMultipartUploadResult>`;
    expect(readXmlElement(reply, "UploadId")).toBe("abc-123_&x");
  });

  it("reads prefixed elements", () => {
    expect(
      readXmlElement("<s3:R xmlns:s3='x'><s3:UploadId>u</s3:UploadId></s3:R>", "UploadId"),
    ).toBe("u");
  });

  it("recognises an <Error> sent with a 200", () => {
    const reply =
      "<?xml version='1.0'?><Error><Code>InternalError</Code><Message>try again</Message></Error>";
    expect(isXmlError(reply)).toBe(true);
    expect(describeXmlError(reply)).toBe("InternalError: try again");
    expect(
      isXmlError("<CompleteMultipartUploadResult><ETag>x</ETag></CompleteMultipartUploadResult>"),
    ).toBe(false);
  });

  it("reads numeric character references as S3 writes them, each entity once", () => {
    const reply =
      "<Error><Code>InvalidArgument</Code><Message>Header &#39;x-amz-acl&#x27; &amp;amp; &#0; &lt;b&gt;</Message></Error>";
    expect(describeXmlError(reply)).toBe("InvalidArgument: Header 'x-amz-acl' &amp; &#0; <b>");
  });

  it("escapes ETags and block ids", () => {
    expect(escapeXml('"a&b<c>"')).toBe("&quot;a&amp;b&lt;c&gt;&quot;");
  });
});
