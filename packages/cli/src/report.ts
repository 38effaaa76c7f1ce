import { exitCodeFor, isAbort } from "./error-exit-code";
import { ExitCode } from "./exit-codes";
import { escapeText } from "./output";
import { endProgressLine } from "./progress";

const secrets = new Set<string>();

/** A value never to print (the API key): it is masked in every message. */
export function rememberSecret(value: string | undefined): void {
  // The client sends the key without the whitespace around it: that is what to mask.
  const secret = value?.trim();
  if (secret && secret.length >= 4) secrets.add(secret);
}

/** Masks every remembered secret in `text`. */
export function redact(text: string): string {
  let result = text;
  for (const secret of secrets) result = result.split(secret).join("***");
  return result;
}

/**
 * Writes the error as one line on stderr (`luml: <message>`); with `debug`, its
 * stack and causes follow. Returns the exit code it means.
 */
export function reportError(error: unknown, debug: boolean): number {
  const code = exitCodeFor(error);
  const message = isAbort(error)
    ? `interrupted (${code === ExitCode.Terminated ? "SIGTERM" : "SIGINT"})`
    : error instanceof Error
      ? error.message
      : String(error);
  endProgressLine();
  // A message may carry text from the API: its controls are escaped as a name's are.
  process.stderr.write(`luml: ${escapeText(redact(oneLine(inCliTerms(message))))}\n`);
  if (debug) {
    let current: unknown = error;
    let depth = 0;
    while (current instanceof Error && depth < 5) {
      const stack = current.stack ?? `${current.name}: ${current.message}`;
      process.stderr.write(`${depth === 0 ? "" : "Caused by: "}${redact(stack)}\n`);
      current = current.cause;
      depth += 1;
    }
  }
  return code;
}

const howToChoose: Record<string, string> = {
  organization: "pass --org or set LUML_ORGANIZATION (id or name)",
  orbit: "pass --orbit or set LUML_ORBIT (id or name)",
  collection: "pass --collection or set LUML_COLLECTION (id or name)",
};

/**
 * The SDK's advice said with the CLI's flags: on a missing default, and on a file
 * name (`luml upload` names the artifact file after the file: there is no other
 * name to pass).
 */
function inCliTerms(message: string): string {
  return message
    .replace(
      /^No (organization|orbit) configured: set the client's `\w+` \(id or name\), or call `setupConfig\(\)`\./,
      (_, kind: string) => `No ${kind} chosen: ${howToChoose[kind]}.`,
    )
    .replace(
      /^No collection: pass `collectionId` to this call, or configure the client's `collection` \(id or name\)\./,
      `No collection chosen: ${howToChoose.collection}.`,
    )
    .replace(
      /^A default (orbit|collection) needs a default (organization|orbit): set `\w+` \(id or name\) as well\./,
      (_, chosen: string, needed: string) =>
        `Choosing ${withArticle(chosen)} needs ${withArticle(needed)} too: ${howToChoose[needed]}.`,
    )
    .replace(/ Rename the file or pass another file name\.$/, " Rename the file.");
}

function withArticle(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
