/**
 * The little XML the storage protocols need. Object stores answer with small,
 * predictable documents, so a namespace-tolerant pattern match is enough and
 * keeps core free of a DOM parser (absent in Node, Deno and workers).
 */

/** Escapes text for use inside an XML element. */
export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

/** The text of the first `<name>` element, whatever its namespace prefix. */
export function readXmlElement(xml: string, name: string): string | undefined {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${name}>`);
  const match = pattern.exec(xml);
  return match?.[1] === undefined ? undefined : unescapeXml(match[1].trim());
}

/** Whether an object store reply is an `<Error>` document (S3 may send one with 200). */
export function isXmlError(xml: string): boolean {
  return /<(?:[\w.-]+:)?Error(?:\s[^>]*)?>/.test(xml);
}

/** A one-line description of an `<Error>` document: `Code: Message`. */
export function describeXmlError(xml: string): string {
  const code = readXmlElement(xml, "Code") ?? "Error";
  const message = readXmlElement(xml, "Message");
  return message ? `${code}: ${message}` : code;
}

const namedEntities: Record<string, string> = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };

/** XML's five named entities and numeric references (`&#39;`, `&#x27;`, which S3 writes). */
function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|lt|gt|quot|apos|amp);/gi, (entity, name: string) => {
    if (name[0] !== "#") return namedEntities[name] ?? entity;
    const code =
      name[1] === "x" || name[1] === "X"
        ? Number.parseInt(name.slice(2), 16)
        : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}
