/**
 * Where JSON text breaks, said without quoting it. The engines' own messages
 * (`Unexpected token 'd', ..."apiKey": dfs_TOPSEC"... is not valid JSON`) show the
 * text around the error, and a config file holds an API key.
 */

/** A line and a column, both counted from 1. */
export interface TextPosition {
  line: number;
  column: number;
}

/** Nesting deeper than this is not followed; such a file gets no position. */
const maxDepth = 512;

/** Thrown inside the scan: the offset where the text stops being JSON. */
class BreakAt {
  constructor(readonly offset: number) {}
}

/**
 * The offset of the first character that cannot continue the JSON text (its
 * length when the text ends too early), or `undefined` when the text is JSON
 * (or nests deeper than this scan follows).
 */
export function jsonErrorOffset(text: string): number | undefined {
  let at = 0;
  let depth = 0;
  const fail = (): never => {
    throw new BreakAt(at);
  };
  const skipSpace = () => {
    while (at < text.length && " \t\n\r".includes(text.charAt(at))) at += 1;
  };
  const take = (character: string) => {
    if (text.charAt(at) !== character) fail();
    at += 1;
  };
  const digits = () => {
    if (!isDigit(text.charAt(at))) fail();
    while (isDigit(text.charAt(at))) at += 1;
  };
  const literal = () => {
    const word = { t: "true", f: "false", n: "null" }[text.charAt(at)] ?? fail();
    for (const character of word) take(character);
  };
  const number = () => {
    if (text.charAt(at) === "-") at += 1;
    if (text.charAt(at) === "0") at += 1;
    else digits();
    if (text.charAt(at) === ".") {
      at += 1;
      digits();
    }
    if (text.charAt(at) === "e" || text.charAt(at) === "E") {
      at += 1;
      if (text.charAt(at) === "+" || text.charAt(at) === "-") at += 1;
      digits();
    }
  };
  const string = () => {
    take('"');
    while (text.charAt(at) !== '"') {
      if (at >= text.length || text.charCodeAt(at) < 0x20) fail();
      if (text.charAt(at) === "\\") {
        at += 1;
        if (text.charAt(at) === "u") {
          at += 1;
          for (let index = 0; index < 4; index += 1) {
            if (!/[0-9a-fA-F]/.test(text.charAt(at))) fail();
            at += 1;
          }
        } else if (text.charAt(at) !== "" && '"\\/bfnrt'.includes(text.charAt(at))) at += 1;
        else fail();
      } else at += 1;
    }
    at += 1;
  };
  const members = (close: string, member: () => void) => {
    depth += 1;
    if (depth > maxDepth) throw new BreakAt(-1);
    at += 1;
    skipSpace();
    if (text.charAt(at) === close) at += 1;
    else {
      for (;;) {
        member();
        if (text.charAt(at) === close) break;
        take(",");
      }
      at += 1;
    }
    depth -= 1;
  };
  const value = (): void => {
    skipSpace();
    const first = text.charAt(at);
    if (first === "{") {
      members("}", () => {
        skipSpace();
        string();
        skipSpace();
        take(":");
        value();
      });
    } else if (first === "[") members("]", value);
    else if (first === '"') string();
    else if (first === "-" || isDigit(first)) number();
    else literal();
    skipSpace();
  };
  try {
    value();
    if (at < text.length) fail();
    return undefined;
  } catch (error) {
    if (!(error instanceof BreakAt)) throw error;
    return error.offset < 0 ? undefined : error.offset;
  }
}

/** The line and column of `offset` in `text` (a column counts UTF-16 code units). */
export function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

function isDigit(character: string): boolean {
  return character >= "0" && character <= "9";
}
