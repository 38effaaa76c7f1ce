/** Characters no file system (or the LUML file name pattern) accepts in a name. */
const reservedCharacters = /[<>:"/\\|?*`~#%;'^]/g;
/** Names Windows reserves whatever their extension. */
const reservedWindowsNames = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * Reduces a file name sent by the server to a safe base name for the local disk:
 * no directories (`a/b`, `..\\x`), no control or reserved characters, no leading
 * dots, at most 200 characters. An empty result becomes
 * `artifact-<id>.<extension>`, so a hostile name can never write outside the
 * folder it is saved in.
 */
export function safeFileName(fileName: string, artifactId: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? "";
  // `.fnnx` is an extension without a name: do not turn it into a file called `fnnx`.
  if (/^[.\s]*\.[^.]*$/.test(base)) return fallbackName(fileName, artifactId);
  let name = replaceControlCharacters(base)
    .replace(reservedCharacters, "_")
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (reservedWindowsNames.test(name)) name = `_${name}`;
  if (name.length > 200) {
    const extension = /\.[^.]{1,16}$/.exec(name)?.[0] ?? "";
    name = name.slice(0, 200 - extension.length) + extension;
  }
  if (/^[_.\s]*$/.test(name)) return fallbackName(fileName, artifactId);
  return name;
}

function fallbackName(fileName: string, artifactId: string): string {
  return `artifact-${sanitizeId(artifactId)}${extensionOf(fileName)}`;
}

function extensionOf(fileName: string): string {
  const match = /\.([A-Za-z0-9]{1,16})$/.exec(fileName);
  return match ? `.${match[1]}` : "";
}

function sanitizeId(artifactId: string): string {
  return artifactId.replace(/[^A-Za-z0-9-]/g, "").slice(0, 64) || "download";
}

/** Control characters (terminal escapes, NUL) become `_`. */
function replaceControlCharacters(text: string): string {
  let result = "";
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    result += code < 0x20 || code === 0x7f ? "_" : character;
  }
  return result;
}
