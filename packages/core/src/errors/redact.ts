/** LUML API keys as the service issues them. */
const apiKeyPattern = /dfs_[A-Za-z0-9_\-.~+/=]+/g;
/** Credentials in an echoed `Authorization` header or message. */
const bearerPattern = /(bearer\s+)[^\s"',;]+/gi;

const replacement = "[redacted]";

/**
 * Removes anything that looks like an API key or a bearer token from `text`,
 * plus each of `secrets` verbatim. Used on every string an error may carry,
 * because a server (or a proxy) may echo a request back.
 */
export function redactSecrets(
  text: string,
  secrets: ReadonlyArray<string | undefined> = [],
): string {
  let result = text;
  for (const secret of secrets) {
    // Very short secrets would blank out unrelated text; real keys are long.
    if (secret && secret.length >= 8) result = result.split(secret).join(replacement);
  }
  return result.replace(apiKeyPattern, replacement).replace(bearerPattern, `$1${replacement}`);
}

/** Applies `redactSecrets` to every string inside a JSON-like value. */
export function redactValue(
  value: unknown,
  secrets: ReadonlyArray<string | undefined> = [],
): unknown {
  if (typeof value === "string") return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value !== null && typeof value === "object") {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = redactValue(item, secrets);
    return result;
  }
  return value;
}
