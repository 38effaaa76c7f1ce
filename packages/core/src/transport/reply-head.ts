import { HeaderMap } from "./reply-headers";

/** A reply's status line and headers. */
export interface ReplyHead {
  status: number;
  headers: HeaderMap;
}

/** A header name: an HTTP token. */
const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Parses a reply head (the bytes before the blank line) sent in HTTP/1.x. */
export function parseReplyHead(bytes: Uint8Array): ReplyHead {
  const lines = latin1(bytes).split("\r\n");
  const statusLine = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(lines[0] ?? "");
  if (!statusLine) throw malformed(`status line ${JSON.stringify((lines[0] ?? "").slice(0, 80))}`);
  const headers = new HeaderMap();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    const name = line.slice(0, Math.max(colon, 0)).trim();
    const value = line.slice(colon + 1).trim();
    if (colon <= 0 || !headerName.test(name) || /[\0\r\n]/.test(value)) {
      throw malformed(`header line ${JSON.stringify(line.slice(0, 80))}`);
    }
    headers.append(name, value);
  }
  return { status: Number(statusLine[1]), headers };
}

function malformed(what: string): Error {
  return Object.assign(new Error(`The storage sent a malformed reply: ${what}`), {
    code: "HPE_INVALID_HEADER",
  });
}

/** The bytes as Latin-1 text (one character per byte), as HTTP/1.x heads are read. */
function latin1(bytes: Uint8Array): string {
  let text = "";
  for (let start = 0; start < bytes.length; start += 8192) {
    text += String.fromCharCode(...bytes.subarray(start, start + 8192));
  }
  return text;
}
