/**
 * Why an object key (or a storage request path) cannot be stored safely, or
 * `undefined` when it can.
 *
 * The emulators map keys onto folders of the data directory, so a `.` or `..`
 * segment, once decoded, would name a file elsewhere on disk. Real S3 keeps such
 * keys literally; the dev server refuses them, since the SDK never makes one.
 * Control characters are refused too: no file system takes a NUL, and the
 * others only ever appear in a key by mistake.
 *
 * @param value A key, or a raw (percent-encoded) path when `encoded` is true.
 *   Decoding happens once, as the emulators decode, and `%2F` counts as `/`.
 */
export function objectPathProblem(value: string, encoded = false): string | undefined {
  let decoded = value;
  if (encoded) {
    try {
      decoded = decodeURIComponent(value);
    } catch {
      return "the path has a malformed percent-encoding";
    }
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return "the key contains a control character";
  if (decoded.split("/").some((segment) => segment === "." || segment === "..")) {
    return 'the key contains a "." or ".." path segment';
  }
  return undefined;
}
