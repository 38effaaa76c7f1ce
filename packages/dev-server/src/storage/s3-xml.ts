import { randomBytes } from "node:crypto";

/** One `<Part>` of a CompleteMultipartUpload request. */
export interface CompletePart {
  /** The part number, 1–10,000. */
  partNumber: number;
  /** The part's ETag without surrounding quotes. */
  etag: string;
}

/** An S3 error reply: status, code and message, rendered as S3's `<Error>` XML. */
export class S3ErrorReply {
  /**
   * @param status HTTP status to answer with.
   * @param code The S3 error code (`InvalidPart`, `SignatureDoesNotMatch`, …).
   * @param message A human-readable reason.
   */
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
  ) {}

  /** The `<Error>` document S3 sends. */
  toXml(resource = ""): string {
    const requestId = randomBytes(8).toString("hex").toUpperCase();
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<Error><Code>${escapeXml(this.code)}</Code><Message>${escapeXml(this.message)}</Message>` +
      `<Resource>${escapeXml(resource)}</Resource><RequestId>${requestId}</RequestId></Error>`
    );
  }
}

/** Escapes text for an XML element. */
export function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function unescapeXml(value: string): string | undefined {
  let valid = true;
  const result = value.replace(
    /&(#x[0-9a-fA-F]+|#\d+|quot|amp|lt|gt|apos);|&/g,
    (entity, name: string | undefined) => {
      if (name === undefined) {
        valid = false;
        return entity;
      }
      if (name.startsWith("#x")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      return { quot: '"', amp: "&", lt: "<", gt: ">", apos: "'" }[name] as string;
    },
  );
  return valid && !/[<>]/.test(value) ? result : undefined;
}

const MALFORMED = new S3ErrorReply(
  400,
  "MalformedXML",
  "The XML you provided was not well-formed or did not validate against our published schema",
);

/** Checksum elements S3 accepts inside a `<Part>` besides PartNumber and ETag. */
const OPTIONAL_PART_ELEMENTS = new Set([
  "ChecksumCRC32",
  "ChecksumCRC32C",
  "ChecksumCRC64NVME",
  "ChecksumSHA1",
  "ChecksumSHA256",
]);

function parsePart(inner: string): CompletePart | undefined {
  const elements = new Map<string, string>();
  const rest = inner.replace(
    /<([A-Za-z0-9]+)>([^<]*)<\/\1>/g,
    (_whole, name: string, text: string) => {
      elements.set(name, text);
      return "";
    },
  );
  if (rest.trim() !== "") return undefined;
  for (const name of elements.keys()) {
    if (name !== "PartNumber" && name !== "ETag" && !OPTIONAL_PART_ELEMENTS.has(name))
      return undefined;
  }
  const partNumberText = elements.get("PartNumber")?.trim();
  const etagText = elements.get("ETag");
  if (partNumberText === undefined || etagText === undefined || !/^\d+$/.test(partNumberText))
    return undefined;
  const etag = unescapeXml(etagText.trim());
  if (etag === undefined) return undefined;
  // S3 ignores the double quotes around ETags when comparing them.
  return { partNumber: Number(partNumberText), etag: etag.replace(/"/g, "") };
}

/**
 * Parses a CompleteMultipartUpload body strictly, or returns the S3 error
 * (`MalformedXML`, `InvalidPartOrder`, `InvalidArgument`) S3 would answer with.
 */
export function parseCompleteMultipartUpload(body: string): CompletePart[] | S3ErrorReply {
  const document = body.replace(/^\uFEFF?\s*(<\?xml[^?]*\?>)?\s*/, "").trimEnd();
  const root =
    /^<CompleteMultipartUpload(\s+xmlns(:\w+)?="[^"]*")*\s*>([\s\S]*)<\/CompleteMultipartUpload>$/.exec(
      document,
    );
  if (!root) return MALFORMED;
  const parts: CompletePart[] = [];
  const rest = (root[3] ?? "").replace(/<Part>([\s\S]*?)<\/Part>/g, (_whole, inner: string) => {
    const part = parsePart(inner);
    if (part) parts.push(part);
    else parts.push({ partNumber: Number.NaN, etag: "" });
    return "";
  });
  if (
    rest.trim() !== "" ||
    parts.length === 0 ||
    parts.some((part) => Number.isNaN(part.partNumber))
  )
    return MALFORMED;
  for (const part of parts) {
    if (part.partNumber < 1 || part.partNumber > 10_000) {
      return new S3ErrorReply(
        400,
        "InvalidArgument",
        "Part number must be an integer between 1 and 10000, inclusive",
      );
    }
  }
  for (let index = 1; index < parts.length; index++) {
    if (
      (parts[index] as CompletePart).partNumber <= (parts[index - 1] as CompletePart).partNumber
    ) {
      return new S3ErrorReply(
        400,
        "InvalidPartOrder",
        "The list of parts was not in ascending order. The parts list must be specified in order by part number.",
      );
    }
  }
  return parts;
}

/** Renders parts back into the canonical body the emulator is given. */
export function renderCompleteMultipartUpload(parts: CompletePart[]): string {
  const items = parts.map(
    (part) =>
      `<Part><PartNumber>${part.partNumber}</PartNumber><ETag>"${escapeXml(part.etag)}"</ETag></Part>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUpload>${items.join("")}</CompleteMultipartUpload>`;
}
