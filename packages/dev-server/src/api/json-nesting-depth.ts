/**
 * Whether JSON text nests arrays and objects more than `limit` levels deep.
 *
 * A linear scan that never recurses, run before `JSON.parse`: a body of
 * 200,000 nested arrays is cheap to parse but overflows the stack of anything
 * that walks the result recursively (validation, `JSON.stringify`). Brackets
 * inside strings are text and do not count. Malformed text is left to the parser.
 */
export function exceedsJsonNestingDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index++; // a backslash escapes the next character, a quote included
      else if (code === 0x22) inString = false;
      continue;
    }
    if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > limit) return true;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return false;
}
