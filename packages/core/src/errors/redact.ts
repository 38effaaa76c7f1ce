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

/** Applies `redactSecrets` to every string inside a JSON-like value, property names included. */
export function redactValue(
  value: unknown,
  secrets: ReadonlyArray<string | undefined> = [],
): unknown {
  if (typeof value === "string") return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value !== null && typeof value === "object") {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      result[redactSecrets(key, secrets)] = redactValue(item, secrets);
    }
    return result;
  }
  return value;
}

/**
 * `value` with each of `secrets` replaced wherever it appears in a string or a
 * property name, and nothing else changed; `value` itself (no copy) when none
 * appears. Unlike `redactValue`, no pattern is applied, so data that merely looks
 * like a key or a bearer token is kept.
 */
export function withoutSecrets(
  value: unknown,
  secrets: ReadonlyArray<string | undefined>,
): unknown {
  const scrubbed = secrets.filter((secret): secret is string => !!secret && secret.length >= 8);
  return scrubbed.length === 0 ? value : replaceSecrets(value, scrubbed);
}

function replaceSecrets(value: unknown, secrets: ReadonlyArray<string>): unknown {
  if (typeof value === "string") {
    return secrets.reduce(
      (text, secret) => (text.includes(secret) ? text.split(secret).join(replacement) : text),
      value,
    );
  }
  if (value === null || typeof value !== "object") return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const entry = [replaceSecrets(key, secrets), replaceSecrets(item, secrets)] as const;
    if (entry[0] !== key || entry[1] !== item) changed = true;
    return entry;
  });
  if (!changed) return value;
  return Array.isArray(value) ? entries.map(([, item]) => item) : Object.fromEntries(entries);
}

/**
 * The forms in which a server may quote `secret`: as it is, and URL-encoded (a
 * `location` or a query built from the request), for keys with `/`, `+` or `=`.
 */
export function secretForms(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  return encoded === secret ? [secret] : [secret, encoded];
}
