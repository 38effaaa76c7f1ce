/**
 * Characters that must not reach a terminal or a log raw: C0 and C1 controls
 * (newlines, escape sequences) and the invisible marks that reorder or hide text
 * (line and paragraph separators, bidirectional marks, overrides and isolates).
 */
const unsafeRange =
  "\\u0000-\\u001f\\u007f-\\u009f\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";
const unsafeCharacter = new RegExp(`[${unsafeRange}]`);
const unsafeCharacters = new RegExp(`[${unsafeRange}]`, "g");

/**
 * A path as it may appear in an error message: unchanged when it is plain text,
 * otherwise quoted as a JSON string with every unsafe character escaped
 * (`"model\nname.fnnx"`), so a crafted file name cannot forge log lines or
 * terminal output.
 */
export function displayPath(path: string): string {
  return unsafeCharacter.test(path) ? escapeText(JSON.stringify(path)) : path;
}

/** `text` with every unsafe character written as a `\uXXXX` escape. */
export function escapeText(text: string): string {
  return text.replace(
    unsafeCharacters,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
