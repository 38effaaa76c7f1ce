import { describe, expect, it } from "vitest";
import {
  parseCompleteMultipartUpload,
  renderCompleteMultipartUpload,
  S3ErrorReply,
} from "./s3-xml";

describe("parseCompleteMultipartUpload", () => {
  it("reads parts with quoted, entity-escaped or bare ETags", () => {
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Part><PartNumber>1</PartNumber><ETag>&quot;aa&quot;</ETag></Part>
  <Part><ETag>"bb"</ETag><PartNumber>2</PartNumber></Part>
  <Part><PartNumber>3</PartNumber><ETag>cc</ETag><ChecksumCRC32>x</ChecksumCRC32></Part>
</CompleteMultipartUpload>`;
    expect(parseCompleteMultipartUpload(body)).toEqual([
      { partNumber: 1, etag: "aa" },
      { partNumber: 2, etag: "bb" },
      { partNumber: 3, etag: "cc" },
    ]);
  });

  it.each([
    ["not xml", "MalformedXML"],
    [
      "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>",
      "MalformedXML",
    ],
    [
      "<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>a</ETag></Part></CompleteMultipartUpload>",
      "MalformedXML",
    ],
    ["<CompleteMultipartUpload><Other/></CompleteMultipartUpload>", "MalformedXML"],
    [
      "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>a</ETag></Part>",
      "MalformedXML",
    ],
    [
      "<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>a</ETag></Part><Part><PartNumber>2</PartNumber><ETag>a</ETag></Part></CompleteMultipartUpload>",
      "InvalidPartOrder",
    ],
    [
      "<CompleteMultipartUpload><Part><PartNumber>0</PartNumber><ETag>a</ETag></Part></CompleteMultipartUpload>",
      "InvalidArgument",
    ],
  ])("refuses %j with %s", (body, code) => {
    const result = parseCompleteMultipartUpload(body);
    expect(result).toBeInstanceOf(S3ErrorReply);
    expect((result as S3ErrorReply).code).toBe(code);
    expect((result as S3ErrorReply).status).toBe(400);
  });

  it("renders what it parses", () => {
    const parts = [
      { partNumber: 1, etag: "aa" },
      { partNumber: 7, etag: "bb" },
    ];
    expect(parseCompleteMultipartUpload(renderCompleteMultipartUpload(parts))).toEqual(parts);
  });
});
