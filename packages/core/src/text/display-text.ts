/**
 * Characters that must not reach a terminal or a log raw: C0 and C1 controls
 * (newlines, escape sequences), DEL, and the invisible marks that reorder or hide
 * text (line and paragraph separators, bidirectional marks, overrides and isolates).
 */
const unsafeRange =
  "\\u0000-\\u001f\\u007f-\\u009f\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";
const unsafeCharacter = new RegExp(`[${unsafeRange}]`);
const unsafeCharacters = new RegExp(`[${unsafeRange}]`, "g");

/**
 * Text from outside (a path, or a name, tag or metric key from the API) as it may
 * be printed for people: unchanged when plain, otherwise quoted as a JSON string
 * with every unsafe character escaped (`"evil\u001b[31m\nline2"`), so a crafted
 * value can neither style nor clear a terminal nor forge a line of a log.
 */
export function displayText(text: string): string {
  // JSON.stringify escapes C0 controls (`\n`, `\u001b`); escapeText what it leaves.
  return unsafeCharacter.test(text) ? escapeText(JSON.stringify(text)) : text;
}

/** `text` with every unsafe character written as a `\uXXXX` escape, and no quotes added. */
export function escapeText(text: string): string {
  return text.replace(
    unsafeCharacters,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
