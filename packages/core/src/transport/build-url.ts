import type { QueryValue } from "./transport";

/**
 * Joins `baseUrl` and `path` and appends `query`. Arrays become repeated keys
 * (`types=model&types=dataset`), as the API expects; `null`/`undefined` values
 * are left out.
 */
export function buildUrl(
  baseUrl: string,
  path: string,
  query: Record<string, QueryValue> | undefined,
): string {
  const base = baseUrl.replace(/\/+$/, "");
  const suffix = path.startsWith("/") ? path : `/${path}`;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) params.append(key, String(item));
  }
  const search = params.toString();
  return search ? `${base}${suffix}?${search}` : `${base}${suffix}`;
}
